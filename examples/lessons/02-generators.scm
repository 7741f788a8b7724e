;;; 02-generators.scm --- generators from prompts: tree walk and same-fringe.
;;;
;;; Run: schemeth examples/lessons/02-generators.scm

;;; Commentary:
;;;
;;; A generator is a loop that hands out its values one at a time, on
;;; demand.  Writing the loop is easy: an ordinary recursive procedure that
;;; calls YIELD on each value.  The trick is to make YIELD *pause* the loop.
;;;
;;; With prompts that is one line: YIELD aborts to the generator's prompt,
;;; and the handler receives K, the paused rest of the loop.  We keep K and
;;; call it the next time somebody asks for a value.
;;;
;;; Code:

(define done (list 'done))           ; a unique end marker
(define (done? x) (eq? x done))

(define (make-generator producer)
  "A thunk returning, one per call, the values PRODUCER passes to its
yield argument, then DONE forever."
  (define tag (make-prompt-tag 'generator))
  (define (yield value) (abort-to-prompt tag value))
  (define (next)                      ; what to run on the next request
    (producer yield)
    (set! next (lambda () done))
    done)
  (lambda ()
    (call-with-prompt tag
      next
      (lambda (k value)
        (set! next k)                   ; remember where the loop paused
        value))))

;; An ordinary tree walk.  Nothing in it knows about generators.
(define (walk-tree tree yield)
  (cond ((null? tree) 'done)
        ((pair? tree) (walk-tree (car tree) yield) (walk-tree (cdr tree) yield))
        (else (yield tree))))

(define produced 0)                  ; leaves produced so far, for later

(define (tree-generator tree)
  (make-generator
   (lambda (yield)
     (walk-tree tree (lambda (leaf) (set! produced (+ produced 1)) (yield leaf))))))

(define g (tree-generator '((a b) (c (d)) e)))
(display "leaves, one at a time:")
(let loop ()
  (let ((leaf (g)))
    (unless (done? leaf)
      (display " ")
      (display leaf)
      (loop))))
(newline)

;; The producer may even loop forever: it only runs when asked.
(define (take-from gen n)
  (if (zero? n) '() (let ((x (gen))) (cons x (take-from gen (- n 1))))))

(define naturals
  (make-generator (lambda (yield) (let loop ((n 0)) (yield n) (loop (+ n 1))))))
(display "first naturals: ")
(write (take-from naturals 5))
(display ", then ")
(write (take-from naturals 3))
(newline)

;; Same fringe: do two trees have the same leaves in the same order,
;; whatever their shape?  Flattening both would build two whole lists;
;; with generators we walk both trees side by side and stop at the first
;; difference.  PRODUCED tells how many leaves were actually visited.
(define (same-fringe? t1 t2)
  (let ((g1 (tree-generator t1))
        (g2 (tree-generator t2)))
    (let loop ()
      (let* ((a (g1)) (b (g2)))
        (cond ((not (eqv? a b)) #f)
              ((done? a) #t)
              (else (loop)))))))

(define (report t1 t2)
  (set! produced 0)
  (let ((answer (same-fringe? t1 t2)))
    (format #t "same-fringe? ~s ~s => ~a (~a leaves produced)~%" t1 t2 answer produced)))

(report '(1 (2 3) 4) '((1 2) (3 4)))
(report '(1 (2 3) 4) '(1 2 (3 5)))
(report '(0 (1 2 3 4 5 6 7 8 9)) '(1 (2 3 4 5 6 7 8 9 10)))
