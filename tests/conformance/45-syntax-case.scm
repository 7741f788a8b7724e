;;; syntax-case, with-syntax, quasisyntax, datum->syntax and define-macro

(define-syntax swap!
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(let ((tmp a)) (set! a b) (set! b tmp))))))
(define tmp 1)
(define other 2)
(swap! tmp other)
(display "swap hygienic: ") (write (list tmp other)) (newline)

(define-syntax my-or
  (lambda (x)
    (syntax-case x ()
      ((_) #'#f)
      ((_ e) #'e)
      ((_ e r ...) #'(let ((t e)) (if t t (my-or r ...)))))))
(define t 5)
(display "my-or: ") (write (list (my-or) (my-or #f 3) (my-or #f t))) (newline)

;; fenders and literals
(define-syntax classify
  (lambda (x)
    (syntax-case x (zero)
      ((_ zero) #''the-literal)
      ((_ n) (and (integer? (syntax->datum #'n)) (negative? (syntax->datum #'n))) #''negative)
      ((_ n) (integer? (syntax->datum #'n)) #''number)
      ((_ n) (identifier? #'n) #''identifier)
      ((_ . rest) #''other))))
(display "fenders: ") (write (list (classify zero) (classify -4) (classify 7) (classify foo) (classify "s") (classify 1 2))) (newline)

;; nested ellipses and tail patterns
(define-syntax my-let*
  (lambda (x)
    (syntax-case x ()
      ((_ () body ...) #'(let () body ...))
      ((_ ((v e) rest ...) body ...) #'(let ((v e)) (my-let* (rest ...) body ...))))))
(display "my-let*: ") (write (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c))) (newline)

(define-syntax flatten-groups
  (lambda (x)
    (syntax-case x ()
      ((_ (a b ...) ...) #''((a ...) (b ... ...))))))
(display "nested ellipsis: ") (write (flatten-groups (1 2 3) (4) (5 6))) (newline)

(define-syntax last-of
  (lambda (x)
    (syntax-case x ()
      ((_ a ... z) #''z))))
(display "tail pattern: ") (write (last-of 1 2 3 4)) (newline)

(define-syntax vec-pattern
  (lambda (x)
    (syntax-case x ()
      ((_ #(a b ...)) #'(list a '(b ...))))))
(display "vector pattern: ") (write (vec-pattern #(1 2 3))) (newline)

;; unhygienic capture with datum->syntax
(define-syntax aif
  (lambda (x)
    (syntax-case x ()
      ((k test then else)
       (with-syntax ((it (datum->syntax #'k 'it)))
         #'(let ((it test)) (if it then else)))))))
(display "aif: ") (write (aif (assq 'b '((a . 1) (b . 2))) (cdr it) 'none)) (newline)

(define-syntax define-getter
  (lambda (x)
    (syntax-case x ()
      ((_ name value)
       (let ((getter (string->symbol (string-append "get-" (symbol->string (syntax->datum #'name))))))
         (with-syntax ((g (datum->syntax #'name getter)))
           #'(define (g) value)))))))
(define-getter color 'blue)
(display "datum->syntax define: ") (write (get-color)) (newline)

;; with-syntax, generate-temporaries
(define-syntax my-values-list
  (lambda (x)
    (syntax-case x ()
      ((_ e ...)
       (with-syntax (((t ...) (generate-temporaries #'(e ...))))
         #'(let ((t e) ...) (list t ...)))))))
(display "generate-temporaries: ") (write (my-values-list 1 (+ 1 1) 3)) (newline)
(display "temporaries count: ") (write (length (generate-temporaries '(a b c)))) (newline)
(display "temporaries are identifiers: ") (write (and-map identifier? (generate-temporaries '(a b)))) (newline)

;; quasisyntax
(define-syntax const-sum
  (lambda (x)
    (syntax-case x ()
      ((_ n ...)
       (let ((total (apply + (syntax->datum #'(n ...)))))
         #`(list 'total #,total 'parts #,@(map (lambda (n) (* n 10)) (syntax->datum #'(n ...)))))))))
(display "quasisyntax: ") (write (const-sum 1 2 3)) (newline)

;; helpers at expansion time
(define (make-adder-name n) (string->symbol (string-append "add" (number->string n))))
(define-syntax define-adders
  (lambda (x)
    (syntax-case x ()
      ((_ n ...)
       (with-syntax (((name ...) (map (lambda (n) (datum->syntax x (make-adder-name n)))
                                      (syntax->datum #'(n ...)))))
         #'(begin (define (name y) (+ y n)) ...))))))
(define-adders 1 10)
(display "helpers at expansion: ") (write (list (add1 5) (add10 5))) (newline)

;; syntax->datum, identifier?, bound-identifier=?, free-identifier=?
(display "syntax->datum: ") (write (syntax->datum #'(a (b . c) #(d)))) (newline)
(display "identifier?: ") (write (list (identifier? #'x) (identifier? #'(x)) (identifier? #'1))) (newline)
(display "bound-identifier=?: ") (write (list (bound-identifier=? #'x #'x) (bound-identifier=? #'x #'y))) (newline)
(display "free-identifier=?: ") (write (list (free-identifier=? #'car #'car) (free-identifier=? #'car #'cdr))) (newline)

;; macro-defining macros
(define-syntax define-constant-macro
  (lambda (x)
    (syntax-case x ()
      ((_ name value)
       #'(define-syntax name
           (lambda (y)
             (syntax-case y ()
               ((_) #'value))))))))
(define-constant-macro forty-two 42)
(display "macro-defining macro: ") (write (forty-two)) (newline)

;; internal define-syntax and let-syntax with procedural transformers
(define (internal)
  (define-syntax twice
    (lambda (x)
      (syntax-case x ()
        ((_ e) #'(begin e e)))))
  (let ((n 0))
    (twice (set! n (+ n 1)))
    n))
(display "internal define-syntax: ") (write (internal)) (newline)
(display "let-syntax: ")
(write (let-syntax ((thrice (lambda (x) (syntax-case x () ((_ e) #'(list e e e))))))
         (thrice 'z)))
(newline)

;; identifier macros
(define-syntax the-answer
  (lambda (x)
    (syntax-case x ()
      (id (identifier? #'id) #'42)
      ((_ n) #'(+ 42 n)))))
(display "identifier macro: ") (write (list the-answer (the-answer 1))) (newline)

;; recursion in the transformer, syntax in helpers
(define-syntax count-args
  (lambda (x)
    (syntax-case x ()
      ((_ arg ...) (datum->syntax x (length #'(arg ...)))))))
(display "count-args: ") (write (count-args a b c d)) (newline)

;; define-macro (Guile's defmacro)
(define-macro (my-unless test . body)
  `(if ,test #f (begin ,@body)))
(display "define-macro: ") (write (list (my-unless #f 1 2) (my-unless #t 1))) (newline)
(define-macro (with-x-bound value . body)
  `(let ((x ,value)) ,@body))
(display "define-macro unhygienic: ") (write (with-x-bound 7 (* x x))) (newline)

;; errors
(define-syntax needs-two
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(list a b)))))
(display "no match: ")
(write (catch 'syntax-error
         (lambda () (eval '(needs-two 1) (current-module)))
         (lambda (key who msg form . rest) (list key who msg))))
(newline)
(define-syntax checked
  (lambda (x)
    (syntax-case x ()
      ((_ a) (if (number? (syntax->datum #'a))
                 #'a
                 (syntax-violation 'checked "expected a number" x #'a))))))
(display "syntax-violation: ")
(write (catch 'syntax-error
         (lambda () (eval '(checked "no") (current-module)))
         (lambda (key who msg . rest) (list key who msg))))
(newline)
(display "checked ok: ") (write (checked 5)) (newline)

;; macro-writing macros with (... ...), unhygienic break, vectors of patterns, local hygiene
(define-syntax def-my-list-macro
  (lambda (x)
    (syntax-case x ()
      ((_ name)
       #'(define-syntax name
           (lambda (y)
             (syntax-case y ()
               ((_ e (... ...)) #'(list e (... ...))))))))))
(def-my-list-macro my-list)
(write (my-list 1 2 3)) (newline)

(define-syntax while
  (lambda (x)
    (syntax-case x ()
      ((k cond body ...)
       (with-syntax ((break (datum->syntax #'k 'break)))
         #'(call/cc (lambda (break)
                      (let lp () (when cond body ... (lp))))))))))
(define i 0)
(while #t (set! i (+ i 1)) (when (> i 5) (break i)))
(write i) (newline)

(define-syntax my-cond
  (syntax-rules (else)
    ((_ (else e)) e)
    ((_ (c e) rest ...) (if c e (my-cond rest ...)))))
(define-syntax kw-test
  (lambda (x)
    (syntax-case x ()
      ((_ (a . b) ...) #''((a ...) (b ...))))))
(write (kw-test (1 2 3) (4) (5 . 6))) (newline)
(write (my-cond (#f 1) (else 2))) (newline)
(define-syntax ten (lambda (x) 10))
(write (+ (ten) 1)) (newline)
(define-syntax nest (lambda (x) (syntax-case x () ((_ (a b ...) ...) #'(list (list a (list b ...)) ...)))))
(write (nest (1 2 3) (4 5))) (newline)
(let ((x 1))
  (define-syntax getx (lambda (stx) #'x))
  (let ((x 2))
    (write (getx)) (newline)))
(define-syntax my-if
  (lambda (x)
    (syntax-case x (then else)
      ((_ c then t else e) #'(if c t e)))))
(write (my-if #f then 1 else 2)) (newline)
(write (syntax->datum (datum->syntax #'here '(a b)))) (newline)
(write (let-syntax ((foo (lambda (x) #''bar))) (foo))) (newline)

;; syntax-error shapes
(write (catch #t (lambda () (bound-identifier=? 1 #'x)) (lambda args args))) (newline)
(write (catch #t (lambda () (syntax-violation 'foo "bad thing" '(foo 1) 1)) (lambda args args))) (newline)
(write (catch #t (lambda () (syntax-violation #f "bad thing" '(foo 1))) (lambda args args))) (newline)
(write (catch #t (lambda () (eval '(let ((x)) . 1) (current-module))) (lambda (k who msg . r) (list k who)))) (newline)
(define-syntax two (syntax-rules () ((_ a b) 1)))
(write (catch #t (lambda () (eval '(two 1) (current-module))) (lambda (k who msg src form . r) (list k who msg form)))) (newline)

;; identifier-syntax
(define counter 0)
(define-syntax next-count (identifier-syntax (begin (set! counter (+ counter 1)) counter)))
(display "identifier-syntax: ") (write (list next-count next-count)) (newline)
(define-syntax car-alias (identifier-syntax car))
(display "identifier-syntax call: ") (write (car-alias '(1 2))) (newline)

;; misuse
(display "missing ellipsis: ")
(write (catch 'syntax-error
         (lambda () (eval '(let () (define-syntax m (syntax-rules () ((_ a ...) a))) (m 1 2)) (current-module)))
         (lambda (key who msg . rest) (list key who msg))))
(newline)
(display "datum->syntax context: ") (write (catch #t (lambda () (datum->syntax 1 'a)) (lambda a a))) (newline)
(display "generate-temporaries: ") (write (catch #t (lambda () (generate-temporaries 5)) (lambda a a))) (newline)
