;; guile-args: -L lib
;;; R7RS: define-library, import sets, cond-expand and the (scheme ...) libraries.
;;; The (scheme base) names are imported with a prefix: unprefixed, those that
;;; differ from Guile's core bindings (map, for-each...) make Guile warn.

(import (prefix (scheme base) b:)
        (prefix (scheme char) c:)
        (scheme write)
        (only (scheme cxr) cadddr)
        (prefix (scheme inexact) i:)
        (prefix (scheme lazy) l:)
        (scheme case-lambda)
        (only (scheme time) current-jiffy current-second jiffies-per-second)
        (only (scheme process-context) get-environment-variable command-line)
        (only (scheme file) file-exists?)
        (scheme eval)
        (scheme repl))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

;;; Libraries and import sets

(import (only (r7conf stack) make-stack push! pop! stack-size with-stack)
        (prefix (only (r7conf stack) stack?) r7:)
        (rename (only (r7conf stack) pushes) (pushes push-count)))
(define s (make-stack))
(push! s 1)
(push! s 2)
(show "stack" (list (r7:stack? s) (stack-size s) (pop! s) (stack-size s)))
(show "shared counter" push-count)
(show "macro with private helper" (with-stack (st 'a 'b 'c) (list (pop! st) (stack-size st))))
(show "only" (list (defined? 'r7:stack?) (defined? 'stack-uses-string-index) (defined? 'pushes)))
(import (except (r7conf stack) make-stack push! pop! stack-size with-stack pushes stack?))
(show "except" (list (defined? 'stack-uses-string-index) (defined? 'pushes)))
(show "library is pure"
      (catch #t stack-uses-string-index (lambda (key . args) key)))

;;; cond-expand and features

(show "cond-expand" (list (cond-expand (r7rs 'r7rs) (else 'other))
                          (cond-expand ((and guile (not no-such-feature)) 'and-not) (else 'no))
                          (cond-expand ((or no-such-feature full-unicode) 'or) (else 'no))
                          (cond-expand (no-such-feature 'yes) (else 'else))))
(define (uses-cond-expand)
  (cond-expand
    (guile (define inner 'defined-inside) inner)
    (else 'no)))
(show "cond-expand in a body" (uses-cond-expand))
(show "features" (map (lambda (f) (and (memq f (b:features)) #t)) '(r7rs guile full-unicode ratios)))

;;; (scheme base): procedures that differ from Guile's core

(show "map shortest" (b:map + '(1 2 3) '(10 20)))
(show "for-each shortest" (let ((acc '())) (b:for-each (lambda (a b) (set! acc (cons (+ a b) acc))) '(1 2 3) '(10 20)) acc))
(show "string-map" (b:string-map (lambda (a b) b) "abc" "de"))
(show "vector-map" (b:vector-map + #(1 2) #(10 20 30)))
(show "vector-for-each" (let ((acc '())) (b:vector-for-each (lambda (x) (set! acc (cons x acc))) #(1 2 3)) acc))
(show "vector->list range" (list (b:vector->list #(1 2 3 4) 1) (b:vector->list #(1 2 3 4) 1 3)))
(show "list-copy" (list (b:list-copy '(1 2 3)) (b:list-copy '(1 2 . 3)) (b:list-copy 5)))
(show "string->vector" (list (b:string->vector "abc") (b:string->vector "abc" 1)))
(show "vector->string" (b:vector->string #(#\a #\b #\c) 0 2))
(show "vector-append" (b:vector-append #(1) #() #(2 3)))

;;; (scheme base): bytevectors

(show "bytevector" (b:bytevector 1 2 3))
(show "bytevector-append" (b:bytevector-append #u8(1) #u8() #u8(2 3)))
(show "bytevector-copy" (list (b:bytevector-copy #u8(1 2 3)) (b:bytevector-copy #u8(1 2 3) 1)
                              (b:bytevector-copy #u8(1 2 3 4) 1 3)))
(show "bytevector-copy!" (let ((bv (b:bytevector 1 2 3 4 5)))
                           (b:bytevector-copy! bv 1 #u8(9 8 7) 1)
                           bv))
(show "bytevector-copy! overlap" (let ((bv (b:bytevector 1 2 3 4 5)))
                                   (b:bytevector-copy! bv 1 bv 0 3)
                                   bv))
(show "utf8" (list (b:utf8->string #u8(65 66 67) 1) (b:string->utf8 "abc" 1 2)
                   (b:utf8->string (b:string->utf8 "λx"))))

;;; (scheme base): ports

(define out (b:open-output-bytevector))
(b:write-u8 1 out)
(b:write-bytevector #u8(2 3 4 5) out 1 3)
(show "output bytevector" (list (b:get-output-bytevector out) (b:get-output-bytevector out)))
(define in (b:open-input-bytevector #u8(7 8 9 10)))
(show "read-u8/peek-u8" (list (b:peek-u8 in) (b:read-u8 in) (b:u8-ready? in)))
(show "read-bytevector" (list (b:read-bytevector 2 in) (b:read-bytevector 5 in) (b:read-bytevector 1 in)))
(show "read-bytevector!" (let ((bv (b:make-bytevector 4 0)))
                           (list (b:read-bytevector! bv (b:open-input-bytevector #u8(7 8 9)) 1) bv)))
(show "write-string range" (call-with-output-string (lambda (p) (b:write-string "abcdef" p 1 3))))
(show "read-string" (b:read-string 3 (open-input-string "abcdef")))
(show "port predicates" (let ((p (open-input-string "x")))
                          (list (b:textual-port? p) (b:binary-port? p) (b:input-port-open? p)
                                (b:output-port-open? p)
                                (begin (close-port p) (b:input-port-open? p)))))

;;; (scheme base): numbers, equivalence, errors

(show "numbers" (list (b:square 5) (b:exact 2.5) (b:inexact 1/4) (b:exact-integer? 5)
                      (call-with-values (lambda () (b:exact-integer-sqrt 17)) list)
                      (call-with-values (lambda () (b:floor/ -7 2)) list)
                      (call-with-values (lambda () (b:truncate/ -7 2)) list)))
(show "boolean=? symbol=?" (list (b:boolean=? #t #t #t) (b:boolean=? #t #f) (b:symbol=? 'a 'a 'a)))
(show "error object" (b:guard (e ((b:error-object? e)
                                  (list (b:error-object-message e) (b:error-object-irritants e))))
                       (b:error "msg" 1 2)))
(show "raise non-condition" (b:guard (e ((symbol? e) (list 'caught e))) (b:raise 'oops)))
(show "read-error?" (b:guard (e (#t (list (b:read-error? e) (b:file-error? e))))
                      (read (open-input-string "(1 2"))))
(show "define-values" (let () (b:define-values (q r) (b:floor/ 17 5)) (list q r)))
(show "let-values" (b:let-values (((a b) (values 1 2)) ((c) (values 3))) (list a b c)))
(show "parameterize" (let ((p (b:make-parameter 1 (lambda (x) (* x 10)))))
                       (list (p) (b:parameterize ((p 2)) (p)) (p))))
(define-syntax swap!
  (b:syntax-rules ()
    ((_ a b) (b:let ((tmp a)) (b:set! a b) (b:set! b tmp)))))
(show "syntax-rules" (let ((tmp 1) (y 2)) (swap! tmp y) (list tmp y)))

;;; The other libraries

(show "char" (list (c:char-foldcase #\A) (c:digit-value #\7) (c:digit-value #\a)
                   (c:string-foldcase "Straße ΣΑΣ") (c:char-upcase #\a) (c:string-ci=? "aB" "Ab")))
(show "write-shared/simple" (list (call-with-output-string (lambda (p) (write-simple '(1 "a") p)))
                                  (call-with-output-string (lambda (p) (write-shared #\a p)))))
(show "cxr" (cadddr '(1 2 3 4 5)))
(show "inexact" (list (i:log 8 2) (i:log 100 10) (i:infinite? +inf.0) (i:infinite? 1.0)
                      (i:nan? +nan.0) (i:finite? 1/2) (i:sqrt 16) (i:exact 2.0)))
(show "lazy" (list (l:force (l:delay (+ 1 2))) (l:force (l:make-promise 5))
                   (l:promise? (l:make-promise 5)) (l:force (l:delay-force (l:delay 'df)))))
(define area (case-lambda ((r) (* 3 r r)) ((w h) (* w h))))
(show "case-lambda" (list (area 2) (area 2 3)))
(show "time" (list (exact-integer? (current-jiffy)) (real? (current-second))
                   (exact-integer? (jiffies-per-second))))
(show "process-context" (list (string? (get-environment-variable "PATH"))
                              (get-environment-variable "SCHEMETH_SURELY_UNSET_VARIABLE")
                              (list? (command-line))))
(show "file" (list (file-exists? "44-r7rs-libraries.scm") (file-exists? "no-such-file.scm")))
(show "eval" (list (eval '(b:let-values (((a b) (b:values 1 2))) (b:list a b))
                         (environment '(prefix (scheme base) b:)))
                   (eval '(* 6 7) (environment '(only (scheme base) *)))
                   (catch #t (lambda () (eval '(car '(1)) (environment '(only (scheme base) *))))
                     (lambda (key . args) key))))
(show "repl" (eq? (interaction-environment) (current-module)))
