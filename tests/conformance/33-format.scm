;;; simple-format (Guile's default format) and (ice-9 format)

(define-syntax-rule (show label expr)
  (begin (display label) (display ": ")
         (write (catch #t (lambda () expr) (lambda (key . args) (cons key args))))
         (newline)))

(define (captured-errors thunk)
  "Run THUNK with the error port captured; return (result . error-text)."
  (let* ((port (open-output-string))
         (result (with-error-to-port port
                   (lambda ()
                     (catch #t thunk (lambda (key . args) (cons key args)))))))
    (cons result (get-output-string port))))

;;; Before (ice-9 format): format is simple-format

(show "default format is simple-format" (eq? format simple-format))
(show "simple ~a ~s" (format #f "~a ~s ~A ~S" "x" "x" 'y #\y))
(show "simple ~% ~~" (format #f "a~%b~~c"))
(show "simple trailing tilde" (simple-format #f "abc~"))
(show "simple ~d unsupported" (format #f "~d" 1))
(show "simple ~10a unsupported" (simple-format #f "~10a" 1))
(show "simple missing argument" (simple-format #f "~a ~a" 1))
(show "simple superfluous" (simple-format #f "~a" 1 2))
(show "simple bad destination" (simple-format 'port "x"))
(show "simple bad control" (simple-format #f 'x))
(show "simple to #t" (simple-format #t "[~a]" 'out))
(newline)
(show "simple to port" (call-with-output-string (lambda (p) (simple-format p "~s" "q"))))

;;; The full formatter

(use-modules (ice-9 format))

(show "format replaced in (guile)" (eq? format (@ (guile) format)))
(show "no longer simple-format" (eq? format simple-format))
(show "~a ~s ~d" (format #f "~a ~s ~d" "x" "x" 12))
(show "to #t returns #t" (format #t "out~%"))
(show "to port" (call-with-output-string (lambda (p) (format p "x~ay" 1))))
(show "extra arguments ignored" (format #f "~a" 1 2))

(show "~a padding" (format #f "~10a|~10@a|" "abc" "abc"))
(show "~a colinc minpad" (format #f "~10,3a|~10,3,2,'*a|~3,4,2a|" "abc" "abc" "ab"))
(show "~s padding" (format #f "~10s|" 'sym))
(show "~:a read-proof" (format #f "~:a|~:s|~:a" car "#<y>" '(1 2)))
(show "~a of data" (format #f "~a ~s" '(1 "two" #\3) '(1 "two" #\3)))

(show "~d padding" (format #f "~5d|~5,'0d|~3d" 42 42 12345))
(show "~d commas" (format #f "~:d ~:d ~,,'.,4:d ~10:d|" 1234567 -1234567 1234567 1234567))
(show "~d signs" (format #f "~@d ~@:d ~d ~@d" 42 1234 -5 0))
(show "~d of a float" (format #f "~d" 2.0))
(show "~d bignum" (format #f "~d" (expt 2 100)))
(show "~x ~o ~b" (format #f "~x ~o ~b ~8,'0b ~x ~:x" 255 8 5 5 -255 65535))
(show "~r radix" (format #f "~8r ~16r ~2,8,'0r" 64 255 5))
(show "~r words" (format #f "~r|~r|~r|~r" 0 -42 1234 1000001))
(show "~:r ordinals" (format #f "~:r ~:r ~:r ~:r ~:r" 1 12 20 101 1234))
(show "~@r roman" (format #f "~@r ~@r ~@r ~:@r" 4 1994 3999 1994))

(show "~f" (format #f "~f ~f ~f ~f" 3.14159 100 -0.5 0.0))
(show "~f large and small" (format #f "~f ~f ~,3f" 1e21 1e-10 1e-10))
(show "~,nf rounding" (format #f "~,2f ~,2f ~,0f ~,0f ~,1f ~,2f ~,2f" 2.675 1/3 2.5 3.5 0.05 99.999 -99.999))
(show "~w,df" (format #f "~5,2f|~10,2f|~10,2@f|~8,3f|" 3.14159 -3.14159 3.14159 3.14159))
(show "~f overflow" (format #f "~3,2f|~3,2,,'*f|~10,2,,,'_f|" 123.456 123.456 3.14159))
(show "~wf" (format #f "~4f|~4f|~2,,,'#f|~8f|" 3.14159 314.159 314.159 0.001))
(show "~f scale" (format #f "~,2,2f ~,2,-1f" 3.14159 3.14159))
(show "~f string" (format #f "~f" "1.5"))
(show "~f inf nan" (format #f "~f ~10,2f|" +inf.0 +nan.0))
(show "~e" (format #f "~e ~e ~e ~e ~e" 12345.678 0.0 1.0 0.00012345 -1e100))
(show "~e digits" (format #f "~,3e ~,2e ~,2,3e ~12,2,3e|" 12345.678 3.14159 3.14159 3.14159))
(show "~e scale" (format #f "~,2,,2e ~,2,,0e ~,2,,-1e" 3.14159 3.14159 3.14159))
(show "~e width" (format #f "~12,4e|~6e|~6,,,,'*e|~,,,,,,'de" 314159 3.14159 31415926535.0 3.14159))
(show "~g" (format #f "~g|~g|~g|~g|~g|~10,2g|" 12345.678 0.5 1e10 1e-10 123 3.14159))
(show "~$" (format #f "~$ ~$ ~$ ~,3$ ~2,5$" 12.5 1234.5 -0.5 2 3.14159))
(show "~$ width" (format #f "~2,1,10$|~2,1,10@$|~2,1,10:$|~2,1,10:@$|" 3.14159 3.14159 -3.14159 3.14159))
(show "~i" (format #f "~i ~,2i ~i" 1+2i 1.5-2.25i 3))

(show "~c" (format #f "~c ~@c ~:c ~:c ~65c" #\a #\a #\x01 #\space))
(show "~p" (format #f "~a apple~:p, ~a apple~:p, ~a cherr~:@p, ~a cherr~:@p" 1 2 1 3))
(show "~% ~& ~~" (format #f "a~%b~2%c~&~&d x~3&y ~~ ~3~"))
(show "~_ ~/ ~|" (format #f "a~_b~3_c~/d"))
(show "~t" (format #f "abc~10tdef|abc~10,4tdef~tg|abc~3@tdef|abc~3,5@tdef"))
(show "~t after text" (call-with-output-string
                        (lambda (p) (display "abc" p) (format p "~&d~10te"))))
(show "~newline" (format #f "ab~
                            cd ab~:
   cd ab~@
   cd"))
(show "case conversion" (format #f "~(HELLO ~a~) ~:(hello ~a~) ~@(hello ~a~) ~:@(hello ~a~)"
                                "BIG World" "big world" "big world" "big world"))

(show "~{~}" (format #f "~{~a~^, ~}|~{~a~^, ~}|~{~a=~a~^; ~}" '(1 2 3) '() '(a 1 b 2)))
(show "~:{~}" (format #f "~:{<~a ~a>~}|~:{~a=~a~^; ~}" '((1 2) (3 4)) '((a 1) (b 2))))
(show "~@{~}" (format #f "~@{~a~^-~}" 1 2 3))
(show "~:@{~}" (format #f "~:@{~a~a~^|~}" '(1 2) '(3 4)))
(show "~n{~}" (format #f "~2{~a~}|~1{~a~}" '(1 2 3) '(1 2)))
(show "~{~:}" (format #f "~{~a~:}|~{~a~:}" '(1 2) '()))
(show "~{~} with format argument" (format #f "~{~}|~:{~}" "~a," '(1 2) "~a" '((1) (2))))
(show "~[~]" (format #f "~[zero~;one~;two~:;many~] ~[zero~;one~;two~:;many~] ~[a~;b~]|~2[a~;b~;c~]"
                     1 7 7))
(show "~:[~]" (format #f "~:[no~;yes~] ~:[no~;yes~] ~a" #f 1 2))
(show "~@[~]" (format #f "~@[x=~a~] ~a|~@[x=~a~] ~a" 1 2 #f 3))
(show "~# in conditionals" (format #f "~@{~a~#[~;, and ~:;, ~]~}" 1 2 3))
(show "~?" (format #f "~? ~a|~@? ~a" "~a+~a" '(1 2) 3 "~a+~a" 1 2 3))
(show "~*" (format #f "~a ~:* ~a|~a ~* ~a|~a ~2* ~a|~a ~@* ~a" 1 1 2 3 1 2 3 4 1 2))
(show "~v and ~#" (format #f "~v,,,va|~#d|~'xd|" 8 45 "ab" 5 1 2 5))
(show "~^" (list (format #f "~a~^~a" 1) (format #f "~a ~1,1^ab|~0^x" 1)))
(show "~y" (format #f "~y" '(define (f x) (let ((y 1)) (+ x y)))))
(show "~q" (format #f "~:q"))

;;; Errors: Guile reports the call on the error port, then an internal-error
;;; block on the output port, and throws misc-error

(show "not an integer" (captured-errors (lambda () (format #f "~d" 1.5))))
(show "missing argument" (captured-errors (lambda () (format #f "abc ~a ~a ~d" 1 2))))
(show "unknown directive" (captured-errors (lambda () (format #f "~z"))))
(show "bad list" (captured-errors (lambda () (format #f "~{~a~}" 5))))
(show "bad character" (captured-errors (lambda () (format #f "~c" 65))))
(show "bad plural" (captured-errors (lambda () (format #f "~p" 'x))))
(show "roman of 0" (captured-errors (lambda () (format #f "~@r" 0))))
(show "misplaced modifier" (captured-errors (lambda () (format #f "~:5a" 1))))
(show "double modifier" (captured-errors (lambda () (format #f "~@@a" 1))))
(show "stray ~]" (captured-errors (lambda () (format #f "~]"))))
(show "stray ~)" (captured-errors (lambda () (format #f "~)"))))
(show "negative parameter" (captured-errors (lambda () (format #f "~-5a|" 1))))
(show "~v in a skipped body" (captured-errors (lambda () (format #f "~{~vd~}" '(5 1 6 2)))))
(show "jump past the end" (captured-errors (lambda () (format #f "~a ~5@*" 1))))
(show "bad destination" (format 'port "x"))
(show "bad control string" (format #f 'x))
(show "complex ~f" (format #f "~f" 1+2i))
(show "non-string ~?" (format #f "~?" 5 '()))
