;; guile-args: -L lib
;;; (ice-9 optargs): let-optional(*), let-keywords(*), define*-public.

(use-modules (ice-9 optargs) (conf optpub))

(define-syntax-rule (t e) (begin (write (catch #t (lambda () e) (lambda a a))) (newline)))
(define-syntax-rule (lo v . rest) (let ((xs v)) (let-optional xs . rest)))
(define-syntax-rule (lo* v . rest) (let ((xs v)) (let-optional* xs . rest)))
(define-syntax-rule (lk v . rest) (let ((xs v)) (let-keywords xs . rest)))
(define-syntax-rule (lk* v . rest) (let ((xs v)) (let-keywords* xs . rest)))

;;; let-optional, let-optional*
(t (lo '(1) ((a 10) (b 20)) (list a b)))
(t (lo '() ((a 10) (b 20)) (list a b)))
(t (lo '(1 2 3) ((a 10) (b 20)) (list a b)))
(t (lo '(1) (a (b 20)) (list a b)))
(t (lo '() (a (b 20)) (list a b)))
(t (let ((a 5)) (lo '() ((a 10) (b a)) (list a b))))
(t (let ((a 5)) (lo* '() ((a 10) (b a)) (list a b))))
(t (lo* '(1) ((a 10) (b (* a 2))) (list a b)))
(t (lo '(1 2) () 'ok))
(t (lo 5 ((a 1)) a))
(t (let ((n 0))
     (lo '(1) ((a (begin (set! n (+ n 1)) 10)) (b (begin (set! n (+ n 1)) 20))) (list a b n))))
(define (f x . rest)
  (let-optional rest ((y 2) (z (+ x y)))
    (list x y z)))
(t (list (f 1) (f 1 5) (f 1 5 7)))

;;; let-keywords, let-keywords*
(t (lk '(#:b 2) #f ((a 10) (b 20)) (list a b)))
(t (lk '(#:b 2 #:c 3) #f ((a 10) (b 20)) (list a b)))
(t (lk '(#:b 2 #:c 3) #t ((a 10) (b 20)) (list a b)))
(t (lk '(#:b) #f ((a 10) (b 20)) (list a b)))
(t (lk '(1 2) #f ((a 10) (b 20)) (list a b)))
(t (lk '(#:a 1 #:a 2) #f ((a 10) (b 20)) (list a b)))
(t (let ((a 5)) (lk '() #f ((a 10) (b a)) (list a b))))
(t (let ((a 5)) (lk* '() #f ((a 10) (b a)) (list a b))))
(t (lk '() #f (a (b 2)) (list a b)))
(t (let ((n 0)) (lk '(#:a 1) #f ((a (begin (set! n (+ n 1)) 0)) (b (begin (set! n (+ n 1)) 0))) (list a b n))))
(t (let ((other? #t)) (lk '(#:zz 1 #:a 2) other? ((a 10)) a)))
(define (g . args)
  (let-keywords args #f ((width 80) (height (* 2 40)))
    (list width height)))
(t (list (g) (g #:height 3) (g #:width 1 #:height 2)))

;;; define*-public, lambda*, define*
(t (greet "you"))
(t (greet "you" "hi" #:punct "?"))
(t answer)
(t (defined? 'hidden))
(define* (h a #:optional (b 2) #:key (c 3)) (list a b c))
(t (list (h 1) (h 1 5 #:c 7)))
(t ((lambda* (a #:optional b) (list a b)) 1))
