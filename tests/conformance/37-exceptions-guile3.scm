;; Guile 3 exception objects: exception types are record types, errors
;; thrown by primitives are seen as compound exceptions, and the throw
;; (key . args) view and the object view interoperate.

(use-modules (ice-9 exceptions)
             ((scheme base) #:select (error-object? error-object-message error-object-irritants
                                      (error . r7:error) file-error? read-error?)))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (grab thunk)
  (call/cc (lambda (k) (with-exception-handler (lambda (e) (k e)) thunk))))

;;; Types and construction

(show "standard types" (list &exception &error &programming-error &non-continuable
                             &compound-exception &exception-with-kind-and-args &message))
(show "empty compound" (make-exception))
(define &my (make-exception-type '&my &error '(a b)))
(define make-my (record-constructor &my))
(show "new type" &my)
(show "instance" (make-my 1 2))
(show "compound" (make-exception (make-my 1 2) (make-programming-error)))
(show "single component" (make-exception (make-my 1 2)))
(show "simple-exceptions" (simple-exceptions (make-exception (make-my 1 2) (make-programming-error))))
(show "flattening" (make-exception (make-exception (make-error) (make-warning)) (make-exception-with-message "m")))
(show "predicate" (list ((exception-predicate &error) (make-my 1 2)) ((exception-predicate &message) (make-my 1 2))))
(show "accessor" ((exception-accessor &my (record-accessor &my 'b)) (make-exception (make-my 1 2))))
(show "exception-type?" (list (exception-type? &my) (exception-type? &error) (exception-type? 5)))
(show "exception?" (list (exception? (make-error)) (exception? 5) (exception? (grab (lambda () (car 5))))))
(define-exception-type &my-error &error make-my-error my-error? (a my-error-a) (b my-error-b))
(show "define-exception-type" (make-my-error 1 2))
(show "component predicate" (my-error? (make-exception (make-my-error 1 2) (make-exception-with-message "x"))))
(show "component accessor" (my-error-b (make-exception (make-my-error 1 2) (make-exception-with-message "x"))))
(show "constructors" (list (make-exception-with-message "m") (make-exception-with-irritants '(1 2))
                           (make-exception-with-origin 'foo) (make-error) (make-external-error)
                           (make-assertion-failure) (make-non-continuable-error) (make-lexical-error)
                           (make-syntax-error 'f 's) (make-undefined-variable-error)
                           (make-implementation-restriction-error) (make-quit-exception 3)))
(show "subtypes" (list (error? (make-programming-error)) (programming-error? (make-assertion-failure))
                       (error? (make-warning)) (warning? (make-warning))))
(show "syntax-error accessors" (let ((e (make-syntax-error 'f 's))) (list (syntax-error-form e) (syntax-error-subform e))))

;;; Errors from primitives and throws, seen as exception objects

(show "car error" (simple-exceptions (grab (lambda () (car 5)))))
(show "error" (simple-exceptions (grab (lambda () (error "msg" 1 2)))))
(show "throw" (simple-exceptions (grab (lambda () (throw 'foo 1 2)))))
(show "throw 3 args" (simple-exceptions (grab (lambda () (throw 'foo 1 2 3)))))
(show "unbound variable" (simple-exceptions (grab (lambda () undefined-variable-xyz))))
(show "division by zero" (simple-exceptions (grab (lambda () (/ 1 0)))))
(show "quit" (simple-exceptions (grab (lambda () (throw 'quit 3)))))
(show "exception-kind" (map (lambda (thunk) (exception-kind (grab thunk)))
                            (list (lambda () (car 5)) (lambda () (error "x")) (lambda () (throw 'foo 1))
                                  (lambda () (raise-exception 'sym)))))
(show "exception-args" (exception-args (grab (lambda () (car 5)))))
(show "exception-args of non-throw" (list (exception-kind 5) (exception-args 5)))
(show "kind of compound without kind" (exception-kind (make-exception (make-my-error 1 2))))
(show "message and irritants" (let ((e (grab (lambda () (error "msg" 1 2)))))
                                (list (exception-message e) (exception-irritants e))))
(show "origin" (exception-origin (grab (lambda () (car 5)))))
(show "classification" (let ((e (grab (lambda () (car 5)))))
                         (list (error? e) (assertion-failure? e) (programming-error? e) (external-error? e))))
(show "error? of raised symbol" (error? (grab (lambda () (raise-exception 5)))))
(show "undefined-variable-error?" (undefined-variable-error? (grab (lambda () undefined-variable-xyz))))
(show "implementation-restriction?" (implementation-restriction-error? (grab (lambda () (/ 1 0)))))
(show "lexical-error?" (lexical-error? (grab (lambda () (read (open-input-string "(1 2"))))))
(show "guard with message"
      (guard (e ((exception-with-message? e) (list (exception-message e) (exception-irritants e))))
        (vector-ref (vector 1 2) 9)))
(show "wrong-type accessor" (catch #t (lambda () (exception-message (make-error))) (lambda args args)))

;;; Raising exception objects

(show "catch exception object" (catch #t (lambda () (raise-exception (make-my 1 2))) (lambda (k . a) (cons k a))))
(show "catch message" (catch #t (lambda () (raise-exception (make-exception-with-message "m")))
                        (lambda (k . a) (cons k a))))
(show "continuable" (with-exception-handler (lambda (e) 10)
                      (lambda () (+ 1 (raise-exception 'x #:continuable? #t)))))
(show "raise-continuable" (with-exception-handler (lambda (e) 10) (lambda () (+ 1 (raise-continuable 'x)))))
(show "non-continuable" (catch #t (lambda () (with-exception-handler (lambda (e) 1) (lambda () (raise-exception 'x))))
                          (lambda (k . a) (cons k a))))
(show "non-continuable-error?" (non-continuable-error?
                                (grab (lambda () (with-exception-handler (lambda (e) 1)
                                                   (lambda () (raise-exception 'x)))))))
(show "guard on type" (guard (e ((error? e) (exception-message e)))
                        (raise-exception (make-exception (make-error) (make-exception-with-message "hi")))))
(show "guard non-exception" (guard (e ((string? e) e)) (raise-exception "s")))

;;; R7RS error objects

(show "core error" (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
                     (error "msg" 1)))
(show "r7rs error" (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
                     (r7:error "msg" 1)))
(show "r7rs error object" (guard (e (#t e)) (r7:error "msg" 1)))
(show "r7rs error without irritants" (guard (e (#t e)) (r7:error "msg")))
(show "car error object" (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
                           (car 5)))
(show "raised symbol" (guard (e (#t (list (error-object? e) (error-object-message e)))) (raise-exception 'x)))
(show "r7rs error caught" (catch #t (lambda () (r7:error "msg" 1)) (lambda (k . a) (cons k a))))
(show "file-error? read-error?" (list (file-error? 5) (read-error? 5)))
(show "file-error? on open failure" (guard (e (#t (file-error? e))) (open-input-file "/nonexistent/x")))
(show "read-error? on read" (guard (e (#t (read-error? e))) (read (open-input-string "(1 2"))))

;;; print-exception

(define (printed key . args)
  (call-with-output-string (lambda (port) (print-exception port #f key args))))

(show "print car" (printed 'wrong-type-arg "car" "Wrong type argument in position 1 (expecting pair): ~S" '(5) '(5)))
(show "print misc" (printed 'misc-error #f "~A ~S" '("msg" 1) #f))
(show "print custom key" (printed 'foo 1 2))
(show "print no args" (printed 'foo))
(show "print symbol subr" (printed 'wrong-type-arg 'point-x "Wrong type argument: ~S" '(5) '(5)))
(show "print unbound" (printed 'unbound-variable #f "Unbound variable: ~S" '(xyz) #f))
(show "print empty exception" (printed '%exception (make-exception)))
(show "print exception object" (printed '%exception (make-exception (make-my 1 2) (make-programming-error)
                                                                    (make-exception-with-message "m"))))
(show "print syntax-error" (printed 'syntax-error 'foo "bad" '(a b) #f))
(show "print unregistered key" (printed 'my-error "subr" "msg ~a" '(1) #f))
(show "print directives" (printed 'misc-error "subr" "a ~a b ~s c ~% d ~~" '("x" "y") #f))
(show "print numerical-overflow" (printed 'numerical-overflow "divide" "Numerical overflow" #f #f))
(show "print system-error" (printed 'system-error "open-file" "~A: ~S" '("No such file or directory" "x") '(2)))
(show "print missing argument" (printed 'misc-error "s" "x ~a y ~a" '(1) #f))
(show "print extra argument" (printed 'misc-error "s" "x~a y" '(1 2) #f))
(show "print bad directive" (printed 'misc-error "s" "x~q y" '(1) #f))
(show "print non-list arguments" (printed 'misc-error "s" "~a" 5 #f))
(show "print caught error" (let ((e (grab (lambda () (vector-ref (vector 1) 5)))))
                             (apply printed (exception-kind e) (exception-args e))))
