;; R7RS-style exceptions: raise, raise-continuable, with-exception-handler,
;; guard.  In Guile's default environment `raise` is the POSIX signal
;; procedure, so the R7RS one comes from (srfi srfi-34); raise-continuable
;; comes from (rnrs exceptions) (selected alone to avoid override warnings).

(use-modules (srfi srfi-34) ((rnrs exceptions) #:select (raise-continuable)))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(show "guard catches raised symbol" (guard (e (#t (list 'caught e))) (raise 'boom)))
(show "guard clause selection"
      (guard (e ((symbol? e) (list 'sym e)) ((string? e) (list 'str e))) (raise "text")))
(show "guard =>" (guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'a 42)))))
(show "guard test value" (guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'b 23)))))
(show "guard else" (guard (e ((string? e) 'str) (else (list 'else e))) (raise 7)))
(show "guard body value" (guard (e (#t 'handler)) 'no-exception))
(show "guard body multiple expressions" (guard (e (#t 'handler)) (display "[body]") 'last))
(show "guard reraises to outer" (guard (o (#t (list 'outer o))) (guard (e ((string? e) 'inner)) (raise 'sym))))
(show "guard reraise to catch"
      (catch #t (lambda () (guard (e ((number? e) (* e 10))) (+ 1 (raise 'not-num))))
        (lambda (key . args) (cons key args))))
(show "guard arithmetic" (guard (e ((number? e) (* e 10))) (+ 1 (raise 5))))
(show "guard catches error" (guard (e (#t (list 'caught (exception-kind e)))) (error "msg" 1 2)))
(show "guard error args" (guard (e (#t (exception-args e))) (error "msg" 1 2)))
(show "guard catches car error" (guard (e (#t (exception-kind e))) (car 5)))
(show "guard catches throw" (guard (e ((exception? e) (list (exception-kind e) (exception-args e)))) (throw 'foo 1 2)))
(show "guard reraise of throw to catch"
      (catch 'foo (lambda () (guard (e ((string? e) 'str)) (throw 'foo 1 2))) (lambda (key . args) (list 'reraised key args))))
(show "guard with dynamic-wind"
      (let ((trail '()))
        (guard (e (#t (set! trail (cons (list 'handler e) trail))))
          (dynamic-wind (lambda () (set! trail (cons 'in trail)))
                        (lambda () (raise 'x))
                        (lambda () (set! trail (cons 'out trail)))))
        (reverse trail)))
(show "handler escapes with call/cc"
      (call/cc (lambda (k) (with-exception-handler (lambda (e) (k (list 'handled e))) (lambda () (raise 'boom))))))
(show "raise-continuable returns"
      (with-exception-handler (lambda (e) (* e 2)) (lambda () (+ 1 (raise-continuable 20)))))
(show "nested handlers run outer for inner raise"
      (with-exception-handler (lambda (e) (list 'outer e))
        (lambda () (with-exception-handler (lambda (e) (raise-continuable (list 'inner e)))
                     (lambda () (raise-continuable 1))))))
(show "handler raising goes to guard"
      (guard (e (#t (list 'guard e)))
        (with-exception-handler (lambda (e) (raise (list 'wrapped e))) (lambda () (raise 'orig)))))
(show "returning from non-continuable raise"
      (catch #t (lambda () (with-exception-handler (lambda (e) 'ret) (lambda () (raise 'boom))))
        (lambda (key . args) key)))
(show "raise caught by catch" (catch #t (lambda () (raise 'x)) (lambda (key . args) (cons key args))))
(show "raise number caught by catch" (catch #t (lambda () (raise 42)) (lambda (key . args) (cons key args))))
(show "handler sees raised object"
      (guard (e (#t e))
        (with-exception-handler (lambda (e) (raise (vector 'seen e))) (lambda () (raise '(1 2))))))
(define (safe-div a b)
  (guard (e ((eq? e 'div-by-zero) 'infinity))
    (if (= b 0) (raise 'div-by-zero) (/ a b))))
(show "guard in procedure" (list (safe-div 10 2) (safe-div 1 0)))
(show "guard in loop"
      (let loop ((i 0) (acc '()))
        (if (= i 4)
            (reverse acc)
            (loop (+ i 1) (cons (guard (e (#t (list 'err e))) (if (odd? i) (raise i) i)) acc)))))
