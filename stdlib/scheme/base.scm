;;; (scheme base) --- the R7RS base library

;;; Commentary:
;;;
;;; Most of R7RS's base names are Guile's own bindings, re-exported.  The
;;; Python table for this module supplies the error-object procedures,
;;; exact, inexact, square, boolean=?, symbol=? and features; this file
;;; adds the R7RS versions that differ from Guile's (map and its kin stop
;;; at the shortest argument, copies take start and end) and the
;;; bytevector port procedures, built on (ice-9 binary-ports).
;;;
;;; Code:

(define-module (scheme base)
  #:use-module ((rnrs bytevectors)
                #:select (bytevector-length bytevector-u8-ref bytevector-u8-set!
                          bytevector? make-bytevector u8-list->bytevector
                          (bytevector-copy! . r6:bytevector-copy!)
                          (utf8->string . r6:utf8->string)
                          (string->utf8 . r6:string->utf8)))
  #:use-module ((ice-9 binary-ports)
                #:select (get-u8 lookahead-u8 get-bytevector-n get-bytevector-n!
                          put-u8 put-bytevector open-bytevector-input-port
                          open-bytevector-output-port))
  #:use-module ((srfi srfi-9) #:select (define-record-type))
  #:re-export (* + - / < <= = > >= abs and append apply assoc assq assv begin
               boolean? caar cadr call-with-current-continuation call-with-port
               call-with-values call/cc car case cdar cddr cdr ceiling char->integer
               char-ready? char<=? char<? char=? char>=? char>? char? close-input-port
               close-output-port close-port complex? cond cond-expand cons
               current-error-port current-input-port current-output-port define
               define-record-type define-syntax define-values denominator do
               dynamic-wind eof-object? eq? equal? eqv? even? exact-integer-sqrt
               exact-integer? exact? expt floor floor-quotient floor-remainder floor/
               flush-output-port gcd get-output-string guard if include include-ci
               inexact? input-port? integer->char integer? lambda lcm length let let*
               let*-values let-syntax let-values letrec letrec* letrec-syntax list
               list->string list->vector list-ref list-set! list-tail list? make-list
               make-parameter make-string make-vector max member memq memv min modulo
               negative? newline not null? number->string number? numerator odd?
               open-input-string open-output-string or output-port? pair? parameterize
               peek-char port? positive? procedure? quasiquote quote quotient raise
               raise-continuable rational? rationalize read-char read-line read-string
               real? remainder reverse round set! set-car! set-cdr! string string->list
               string->number string->symbol string-append string-copy string-copy!
               string-fill! string-for-each string-length string-ref string-set!
               string<=? string<? string=? string>=? string>? string? substring
               symbol->string symbol? syntax-error syntax-rules truncate
               truncate-quotient truncate-remainder truncate/ unless values vector
               vector-copy vector-copy! vector-fill! vector-length vector-ref
               vector-set! vector? when with-exception-handler write-char zero?
               bytevector-length bytevector-u8-ref bytevector-u8-set! bytevector?
               make-bytevector)
  #:export (... => _ else unquote unquote-splicing
            boolean=? eof-object error error-object-irritants error-object-message
            error-object? exact features file-error? inexact read-error? square symbol=?
            map for-each string-map vector->list list-copy
            bytevector-copy bytevector-copy! utf8->string string->utf8
            bytevector bytevector-append string->vector vector->string vector-append
            binary-port? textual-port? input-port-open? output-port-open?
            read-u8 peek-u8 u8-ready? write-u8 read-bytevector read-bytevector!
            write-bytevector open-input-bytevector open-output-bytevector
            get-output-bytevector)
  #:replace (vector-map vector-for-each write-string))

;;; Procedures over lists, strings and vectors: stop at the shortest

(define (%some-empty? ls)
  (and (pair? ls) (or (not (pair? (car ls))) (%some-empty? (cdr ls)))))

(define (map f l . ls)
  "Apply F element-wise to the lists, collecting the results, until the shortest list ends."
  (if (null? ls)
      ((@ (guile) map) f l)
      (let lp ((ls (cons l ls)) (acc '()))
        (if (%some-empty? ls)
            (reverse acc)
            (lp (%cdrs ls) (cons (apply f (%cars ls)) acc))))))

(define (for-each f l . ls)
  "Apply F element-wise to the lists, for effect, until the shortest list ends."
  (if (null? ls)
      ((@ (guile) for-each) f l)
      (let lp ((ls (cons l ls)))
        (unless (%some-empty? ls)
          (apply f (%cars ls))
          (lp (%cdrs ls))))))

(define (string-map f s . ss)
  "The string of F's results on the characters of the strings, up to the shortest one's end."
  (list->string (apply map f (string->list s) (map string->list ss))))

(define (vector-map f v . vs)
  "The vector of F's results on the elements of the vectors, up to the shortest one's end."
  (list->vector (apply map f (vector->list v) (map vector->list vs))))

(define (vector-for-each f v . vs)
  "Apply F to the elements of the vectors, for effect, up to the shortest one's end."
  (apply for-each f (vector->list v) (map vector->list vs)))

(define* (vector->list v #:optional (start 0) (end (vector-length v)))
  ((@ (guile) vector->list) (vector-copy v start end)))

(define (list-copy obj)
  "A fresh copy of the spine of OBJ; the tail of an improper list, or a non-list, is shared."
  (let lp ((x obj) (acc '()))
    (if (pair? x)
        (lp (cdr x) (cons (car x) acc))
        (append-reverse! acc x))))

(define (string->vector s . range)
  (list->vector (apply string->list s range)))

(define* (vector->string v #:optional (start 0) (end (vector-length v)))
  (list->string (vector->list v start end)))

(define (vector-append . vs)
  (for-each vector-length vs)
  (list->vector (apply append (map vector->list vs))))

;;; Bytevectors

(define (bytevector . octets)
  (u8-list->bytevector octets))

(define* (bytevector-copy bv #:optional (start 0) (end (bytevector-length bv)))
  (let ((out (make-bytevector (- end start))))
    (r6:bytevector-copy! bv start out 0 (- end start))
    out))

(define* (bytevector-copy! to at from #:optional (start 0) (end (bytevector-length from)))
  (r6:bytevector-copy! from start to at (- end start)))

(define (bytevector-append . bvs)
  (call-with-values open-bytevector-output-port
    (lambda (port get)
      (for-each (lambda (bv) (put-bytevector port bv)) bvs)
      (get))))

(define* (utf8->string bv #:optional (start 0) (end (bytevector-length bv)))
  (r6:utf8->string (bytevector-copy bv start end)))

(define* (string->utf8 s #:optional (start 0) (end (string-length s)))
  (r6:string->utf8 (substring s start end)))

;;; Ports

(define (binary-port? x) (port? x))
(define (textual-port? x) (port? x))

(define (input-port-open? port)
  (and (input-port? port) (not (port-closed? port))))

(define (output-port-open? port)
  (and (output-port? port) (not (port-closed? port))))

(define* (write-string s #:optional (port (current-output-port))
                       (start 0) (end (string-length s)))
  ((@ (guile) write-string) (substring s start end) port))

(define* (read-u8 #:optional (port (current-input-port)))
  (get-u8 port))

(define* (peek-u8 #:optional (port (current-input-port)))
  (lookahead-u8 port))

(define* (u8-ready? #:optional (port (current-input-port)))
  (input-port? port))

(define* (write-u8 octet #:optional (port (current-output-port)))
  (put-u8 port octet))

(define* (read-bytevector k #:optional (port (current-input-port)))
  (get-bytevector-n port k))

(define* (read-bytevector! bv #:optional (port (current-input-port))
                           (start 0) (end (bytevector-length bv)))
  (get-bytevector-n! port bv start (- end start)))

(define* (write-bytevector bv #:optional (port (current-output-port))
                           (start 0) (end (bytevector-length bv)))
  (put-bytevector port bv start (- end start)))

(define (open-input-bytevector bv)
  (open-bytevector-input-port bv))

;; Bytevector output port -> the procedure returning (and emptying) what it holds.
(define %bytevector-getters (make-weak-key-hash-table))

(define (open-output-bytevector)
  (call-with-values open-bytevector-output-port
    (lambda (port get)
      (hashq-set! %bytevector-getters port get)
      port)))

(define (get-output-bytevector port)
  "The bytes written so far to PORT, an output bytevector port; they stay in the port."
  (let ((get (hashq-ref %bytevector-getters port)))
    (unless get
      (scm-error 'wrong-type-arg "get-output-bytevector"
                 "Wrong type argument in position ~A: ~S" (list 1 port) (list port)))
    (let ((bv (get)))
      (put-bytevector port bv)
      bv)))

;;; base.scm ends here
