;; Generators and a round-robin scheduler built on call-with-prompt and
;; abort-to-prompt.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define yield-tag (make-prompt-tag 'yield))
(define (yield v) (abort-to-prompt yield-tag v))

;; A generator is a thunk returning the next value or 'done.
(define (make-gen body)
  (define next (lambda () (body) 'done))
  (lambda ()
    (call-with-prompt yield-tag
      next
      (lambda (k v) (set! next (lambda () (k #f))) v))))

(define (gen->list g)
  (let loop ((acc '()))
    (let ((v (g)))
      (if (eq? v 'done) (reverse acc) (loop (cons v acc))))))

(show "counting generator" (gen->list (make-gen (lambda () (do ((i 0 (+ i 1))) ((= i 5)) (yield i))))))
(show "empty generator" (gen->list (make-gen (lambda () #f))))

(define (walk tree)
  (cond ((null? tree) #t)
        ((pair? tree) (walk (car tree)) (walk (cdr tree)))
        (else (yield tree))))
(define (tree-gen tree) (make-gen (lambda () (walk tree))))
(show "tree walk" (gen->list (tree-gen '((a (b)) c ((d e) f)))))

(define (same-fringe? t1 t2)
  (let ((g1 (tree-gen t1)) (g2 (tree-gen t2)))
    (let loop ()
      (let* ((a (g1)) (b (g2)))
        (cond ((not (eqv? a b)) #f)
              ((eq? a 'done) #t)
              (else (loop)))))))
(show "same fringe equal" (same-fringe? '(1 (2 (3 4)) 5) '((1 2) 3 (4 (5)))))
(show "same fringe different" (same-fringe? '(1 2 3) '(1 2 4)))
(show "same fringe different length" (same-fringe? '(1 2) '(1 2 3)))

(define (gen-map f g) (make-gen (lambda () (let loop () (let ((v (g))) (unless (eq? v 'done) (yield (f v)) (loop)))))))
(show "generator pipeline" (gen->list (gen-map (lambda (x) (* x x)) (tree-gen '(1 (2 3) 4)))))

(define (naturals) (make-gen (lambda () (let loop ((i 0)) (yield i) (loop (+ i 1))))))
(define (take-gen g n) (if (= n 0) '() (let ((v (g))) (cons v (take-gen g (- n 1))))))
(show "infinite generator" (take-gen (naturals) 10))

;; Round-robin scheduler: each thread is a thunk that yields to the
;; scheduler; the queue holds continuations.
(define sched-tag (make-prompt-tag 'sched))
(define queue '())
(define (enqueue! thunk) (set! queue (append queue (list thunk))))
(define (pause) (abort-to-prompt sched-tag))
(define output '())
(define (emit x) (set! output (cons x output)))
(define (spawn name count)
  (enqueue! (lambda ()
              (let loop ((i 1))
                (when (<= i count)
                  (emit (list name i))
                  (pause)
                  (loop (+ i 1))))
              (emit (list name 'finished)))))
(define (run)
  (unless (null? queue)
    (let ((next (car queue)))
      (set! queue (cdr queue))
      (call-with-prompt sched-tag
        next
        (lambda (k) (enqueue! (lambda () (k #f)))))
      (run))))
(spawn 'a 3)
(spawn 'b 2)
(spawn 'c 4)
(run)
(show "scheduler trace" (reverse output))

(set! output '())
(define (spawn-printer name words)
  (enqueue! (lambda () (for-each (lambda (w) (display name) (display ":") (display w) (display " ") (pause)) words))))
(spawn-printer 'x '(one two three))
(spawn-printer 'y '(uno dos))
(spawn-printer 'z '(eins zwei drei vier))
(run)
(newline)
(show "queue empty at end" (null? queue))
