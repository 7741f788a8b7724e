;; Errors as conditions caught with catch: keys, full (subr message args
;; rest) lists, throw, nested catch, message formatting.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define-syntax error-args
  (syntax-rules ()
    ((_ expr) (catch #t (lambda () expr) (lambda (key . args) (cons key args))))))
(define-syntax error-key
  (syntax-rules ()
    ((_ expr) (catch #t (lambda () expr (list 'no-error)) (lambda (key . args) key)))))
(define-syntax error-message
  (syntax-rules ()
    ((_ expr) (catch #t (lambda () expr) (lambda (key subr msg args rest) (list key (apply format #f msg args)))))))

(show "car of non-pair" (error-args (car 5)))
(show "cdr of empty list" (error-args (cdr '())))
(show "cadr too short" (error-args (cadr '(1))))
(show "vector-ref out of range" (error-args (vector-ref (vector 1 2) 5)))
(show "vector-ref negative" (error-args (vector-ref (vector 1 2) -1)))
(show "vector-ref non-vector" (error-args (vector-ref '(1) 0)))
(show "vector-set! out of range" (error-args (vector-set! (vector 1) 1 0)))
(show "unbound variable" (error-args undefined-variable-xyz))
(show "unbound in call" (error-args (undefined-procedure-xyz 1)))
(show "set! unbound" (error-args (set! undefined-for-set-xyz 1)))
(show "wrong number of args key" (error-key ((lambda (x) x))))
(show "wrong number of args message"
      (catch #t (lambda () ((lambda (x) x) 1 2)) (lambda (key subr msg args rest) (list key subr msg rest))))
(define (two-args a b) a)
(show "wrong number of args to named" (error-key (two-args 1)))
(show "wrong number of args to primitive" (error-key (car)))
(show "error with irritants" (error-args (error "msg" 1 2)))
(show "error no irritants" (error-args (error "msg")))
(show "error mixed irritants" (error-args (error "bad thing:" "str" #\c 1.5 '(a "b"))))
(show "error symbol first" (error-args (error 'my-proc "something bad:" 42)))
(show "error non-string" (error-args (error 42)))
(show "error message formatted" (error-message (error "Something bad:" 42 "str")))
(show "car message formatted" (error-message (car 5)))
(show "+ wrong type" (error-args (+ 1 "a")))
(show "+ wrong type first" (error-args (+ 'a 1)))
(show "* wrong type" (error-args (* 2 'x)))
(show "< wrong type" (error-args (< 1 'a)))
(show "division by zero" (error-args (/ 1 0)))
(show "quotient by zero" (error-args (quotient 1 0)))
(show "modulo by zero" (error-args (modulo 5 0)))
(show "inexact division by zero" (/ 5 0.))
(show "length improper" (error-args (length '(1 . 2))))
(show "apply non-list" (error-args (apply + 1 2)))
(show "symbol->string" (error-args (symbol->string "a")))
(show "string->symbol" (error-args (string->symbol 'a)))
(show "string-append" (error-args (string-append "a" 'b)))
(show "string-length" (error-args (string-length 'a)))
(show "char->integer" (error-args (char->integer "a")))
(show "integer->char" (error-args (integer->char -1)))
(show "inexact->exact inf" (error-args (inexact->exact +inf.0)))
(show "exact-integer-sqrt negative" (error-args (exact-integer-sqrt -1)))
(show "set-car! on empty list" (error-args (set-car! '() 1)))
(show "apply non-procedure" (error-args (5 3)))
(show "apply string" (error-args ("str" 3)))
(show "memq improper" (error-args (memq 'a 5)))
(show "string-ref out of range key" (error-key (string-ref "abc" 10)))
(show "list-ref out of range key" (error-key (list-ref '(1 2) 5)))
(show "throw custom key" (error-args (throw 'my-key 1 2)))
(show "throw no args" (error-args (throw 'bare)))
(show "scm-error" (error-args (scm-error 'my-key "my-subr" "msg ~A and ~S" '(1 "two") '(rest))))
(show "catch specific key"
      (catch 'wanted (lambda () (throw 'wanted 'payload)) (lambda (key v) (list 'got key v))))
(show "catch passes other keys"
      (catch 'outer-key
        (lambda () (catch 'inner-key (lambda () (throw 'outer-key 1)) (lambda (k . a) 'inner)))
        (lambda (k . a) (list 'outer a))))
(show "rethrow from handler"
      (catch #t
        (lambda () (catch #t (lambda () (car '())) (lambda (k . a) (throw 'rethrown k))))
        (lambda (k . a) (cons k a))))
(show "catch body value" (catch #t (lambda () 'fine) (lambda (k . a) 'handler)))
(show "error inside map" (error-key (map (lambda (x) (car x)) '(1 2))))
(show "error after output"
      (catch #t (lambda () (display "[partial output]") (error "late")) (lambda (k . a) k)))
(show "nested error in handler"
      (catch #t
        (lambda () (catch #t (lambda () (error "first")) (lambda (k . a) (vector-ref (vector) 0))))
        (lambda (k . a) k)))
(show "continue after errors" 'ok)
