;;; boot.scm --- the part of the (guile) module written in Scheme

;;; Commentary:
;;;
;;; Python primitives are leaves that never call back into Scheme; every
;;; procedure that takes a procedure argument lives here, so that a
;;; continuation can be captured inside the procedures it calls.
;;;
;;; Code:

;;; Lists

;; map and for-each run F on the elements left to right.  map collects with
;; `reverse', never `reverse!': a continuation captured inside F may return
;; again, and must not see the pairs of an earlier result mutated.

(define (map f l . ls)
  "Apply F element-wise to the lists, collecting the results; the lists must have equal lengths."
  (cond
   ((null? ls)
    (unless (list? l) (%not-a-list "map" l))
    (let lp ((l l) (acc '()))
      (if (pair? l)
          (lp (cdr l) (cons (f (car l)) acc))
          (reverse acc))))
   ((null? (cdr ls))
    (%check-lengths "map" l ls)
    (let lp ((a l) (b (car ls)) (acc '()))
      (if (pair? a)
          (lp (cdr a) (cdr b) (cons (f (car a) (car b)) acc))
          (reverse acc))))
   (else
    (%check-lengths "map" l ls)
    (let lp ((ls (cons l ls)) (acc '()))
      (if (pair? (car ls))
          (lp (%cdrs ls) (cons (apply f (%cars ls)) acc))
          (reverse acc))))))

(define (for-each f l . ls)
  "Apply F element-wise to the lists, for effect; the lists must have equal lengths."
  (cond
   ((null? ls)
    (unless (list? l) (%not-a-list "for-each" l))
    (let lp ((l l))
      (when (pair? l)
        (f (car l))
        (lp (cdr l)))))
   ((null? (cdr ls))
    (%check-lengths "for-each" l ls)
    (let lp ((a l) (b (car ls)))
      (when (pair? a)
        (f (car a) (car b))
        (lp (cdr a) (cdr b)))))
   (else
    (%check-lengths "for-each" l ls)
    (let lp ((ls (cons l ls)))
      (when (pair? (car ls))
        (apply f (%cars ls))
        (lp (%cdrs ls)))))))

(define (%not-a-list who l)
  (scm-error 'wrong-type-arg who "Not a list: ~S" (list l) #f))

(define (%check-lengths who l ls)
  "Raise Guile's error for the first of LS whose length differs from L's."
  (let ((n (length l)))
    (let lp ((ls ls))
      (when (pair? ls)
        (unless (= (length (car ls)) n)
          (scm-error 'wrong-type-arg who "List of wrong length: ~S" (list (car ls)) #f))
        (lp (cdr ls))))))

(define (%cars ls)
  (if (null? ls) '() (cons (caar ls) (%cars (cdr ls)))))

(define (%cdrs ls)
  (if (null? ls) '() (cons (cdar ls) (%cdrs (cdr ls)))))

(define member
  (let ((member2 member))
    (case-lambda
      ((x l) (member2 x l))
      ((x l same?)
       (let lp ((l l))
         (cond ((not (pair? l)) #f)
               ((same? x (car l)) l)
               (else (lp (cdr l)))))))))

(define assoc
  (let ((assoc2 assoc))
    (case-lambda
      ((x l) (assoc2 x l))
      ((x l same?)
       (let lp ((l l))
         (cond ((not (pair? l)) #f)
               ((same? x (caar l)) (car l))
               (else (lp (cdr l)))))))))

(define (merge a b less?)
  "Merge two sorted lists into one sorted list, stably."
  (let lp ((a a) (b b) (acc '()))
    (cond ((null? a) (append-reverse! acc b))
          ((null? b) (append-reverse! acc a))
          ((less? (car b) (car a)) (lp a (cdr b) (cons (car b) acc)))
          (else (lp (cdr a) b (cons (car a) acc))))))

(define (%sort-list l less?)
  (let ((n (length l)))
    (if (< n 2)
        (list-copy l)
        (let ((half (quotient n 2)))
          (merge (%sort-list (list-head l half) less?)
                 (%sort-list (list-tail l half) less?)
                 less?)))))

(define (sort seq less?)
  "A sorted copy of the list or vector SEQ."
  (if (vector? seq)
      (list->vector (%sort-list (vector->list seq) less?))
      (%sort-list seq less?)))

(define stable-sort sort)

(define (sort! seq less?)
  (if (vector? seq)
      (let ((sorted (sort seq less?)))
        (vector-copy! seq 0 sorted)
        seq)
      (sort seq less?)))

(define (append-reverse! rev tail)
  (if (null? rev) tail (append-reverse! (cdr rev) (cons (car rev) tail))))

;;; Procedures on procedures

(define (identity x) x)

(define (and=> value proc)
  "(PROC VALUE) when VALUE is true, else #f."
  (and value (proc value)))

(define (const value)
  "A procedure that ignores its arguments and returns VALUE."
  (lambda _ value))

(define (negate proc)
  "A procedure returning the boolean opposite of PROC."
  (lambda args (not (apply proc args))))

(define (compose proc . rest)
  "The composition of the procedures: ((compose f g) x) is (f (g x))."
  (if (null? rest)
      proc
      (let ((g (apply compose rest)))
        (lambda args (call-with-values (lambda () (apply g args)) proc)))))

;;; Vectors and strings

(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))

(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))

(define (string-for-each f s . ss)
  (apply for-each f (string->list s) (map string->list ss)))

(define (string-map f s . ss)
  (list->string (apply map f (string->list s) (map string->list ss))))

;;; Promises

(define (force p)
  "The value of promise P, computing it the first time (R7RS iterative forcing)."
  (if (not (promise? p))
      (scm-error 'wrong-type-arg "force" "Wrong type argument in position ~A (expecting ~A): ~S"
                 (list 1 "promise" p) (list p))
      (let lp ()
        (if (%promise-done? p)
            (%promise-payload p)
            (let ((v ((%promise-payload p))))
              (cond ((%promise-done? p) (%promise-payload p))
                    ((%promise-delay-force? p) (%promise-chain! p v) (lp))
                    (else (%promise-resolve! p v) v)))))))

;;; Errors

(define (catch key thunk handler . pre-unwind)
  "Call THUNK; if it throws KEY (or anything, for #t), call HANDLER with the key and arguments."
  (let ((tag (make-prompt-tag 'catch)))
    (call-with-prompt tag
      (lambda ()
        (with-exception-handler
         (lambda (c)
           (if (or (eq? key #t) (eq? key (%condition-key c)))
               (begin
                 (when (pair? pre-unwind)
                   (apply (car pre-unwind) (%condition-key c) (%condition-args c)))
                 (abort-to-prompt tag c))
               (raise-continuable c)))
         thunk))
      (lambda (k c)
        (apply handler (%condition-key c) (%condition-args c))))))

(define (with-throw-handler key thunk handler)
  "Call THUNK; HANDLER sees matching throws before the stack unwinds."
  (with-exception-handler
   (lambda (c)
     (when (or (eq? key #t) (eq? key (%condition-key c)))
       (apply handler (%condition-key c) (%condition-args c)))
     (raise-continuable c))
   thunk))

(define (%guard handler thunk)
  (let ((tag (make-prompt-tag 'guard)))
    (call-with-prompt tag
      (lambda ()
        (with-exception-handler (lambda (c) (abort-to-prompt tag c)) thunk))
      (lambda (k c)
        (handler c (lambda () (raise-continuable c)))))))

(define-syntax guard
  (syntax-rules ()
    ((_ (var clause ...) body ...)
     (%guard (lambda (var reraise) (cond clause ... (else (reraise))))
             (lambda () body ...)))))

(define (false-if-exception-thunk thunk)
  (catch #t thunk (lambda args #f)))

(define-syntax-rule (false-if-exception expr)
  (false-if-exception-thunk (lambda () expr)))

;;; Ports

(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))

(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port))
      (thunk))
    (get-output-string port)))

(define (with-input-from-string s thunk)
  (parameterize ((current-input-port (open-input-string s)))
    (thunk)))

(define (call-with-input-string s proc)
  (proc (open-input-string s)))

(define (with-output-to-port port thunk)
  (parameterize ((current-output-port port)) (thunk)))

(define (with-error-to-port port thunk)
  (parameterize ((current-error-port port)) (thunk)))

(define (call-with-port port proc)
  (call-with-values (lambda () (proc port))
    (lambda vals (close-port port) (apply values vals))))

(define* (call-with-input-file file proc #:key binary encoding guess-encoding)
  "Call PROC with a port reading FILE; close it when PROC returns.  (Ports read bytes and UTF-8
text alike, so #:binary and #:encoding are accepted for Guile compatibility.)"
  (call-with-port (open-input-file file) proc))

(define* (call-with-output-file file proc #:key binary encoding)
  "Call PROC with a port writing FILE; close it when PROC returns."
  (call-with-port (open-output-file file) proc))

(define (with-output-to-file file thunk)
  (call-with-output-file file (lambda (port) (with-output-to-port port thunk))))

(define (pk . args)
  "Print ARGS for debugging, and return the last one."
  (let ((port (current-output-port)))
    (newline port)
    (display ";;; " port)
    (write args port)
    (newline port)
    (if (pair? args) (car (last-pair args)) #f)))

(define peek pk)

;;; boot.scm ends here
