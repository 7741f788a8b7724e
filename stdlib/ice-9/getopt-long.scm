;;; (ice-9 getopt-long) --- GNU-style command-line options, with Guile's grammar

;;; Commentary:
;;;
;;; A grammar is a list of (NAME PROPERTY ...) with the properties
;;; (single-char CHAR), (value #t | #f | optional), (required? BOOL) and
;;; (predicate PROC).  getopt-long returns an alist whose first entry is
;;; (() NON-OPTION-ARG ...) followed by (NAME . VALUE) for every option
;;; seen, the last one first; an option without a value gets #t.
;;;
;;; Only -LETTER is a short option: "-vfx" is "-v -f -x", and "-f5" is
;;; "-f 5".  "--" ends the options.  A value may not look like an option
;;; (--x, -LETTER).  A bad command line prints "PROGRAM: MESSAGE" on the
;;; error port and exits with status 1, as Guile does.
;;;
;;; Code:

(define-module (ice-9 getopt-long)
  #:use-module ((srfi srfi-1) #:select (find append-reverse))
  #:use-module (srfi srfi-9)
  #:export (getopt-long option-ref))

(define-record-type <option-spec>
  (make-option-spec name single-char value required? predicate)
  option-spec?
  (name spec-name)
  (single-char spec-char)
  (value spec-value)
  (required? spec-required?)
  (predicate spec-predicate))

(define (parse-spec entry)
  "Turn one grammar entry into an option spec, refusing unknown properties."
  (let loop ((props (cdr entry)) (char #f) (value #f) (required #f) (pred #f))
    (if (null? props)
        (make-option-spec (symbol->string (car entry)) char value required pred)
        (let ((prop (car props)) (rest (cdr props)))
          (case (car prop)
            ((single-char)
             (unless (char? (cadr prop))
               (scm-error 'misc-error #f "`single-char' value must be a char!" '() #f))
             (loop rest (cadr prop) value required pred))
            ((value) (loop rest char (cadr prop) required pred))
            ((required?) (loop rest char value (cadr prop) pred))
            ((predicate) (loop rest char value required (cadr prop)))
            (else (scm-error 'misc-error #f "invalid getopt-long option property: ~S"
                             (list (car prop)) #f)))))))

;;; Classifying arguments

(define (ascii-letter? c)
  (or (char<=? #\a c #\z) (char<=? #\A c #\Z)))

(define (short-option? arg)
  "Whether ARG starts like -LETTER."
  (and (>= (string-length arg) 2)
       (char=? (string-ref arg 0) #\-)
       (ascii-letter? (string-ref arg 1))))

(define (long-option? arg)
  "Whether ARG is --NAME or --NAME=VALUE."
  (and (> (string-length arg) 2)
       (string-prefix? "--" arg)
       (not (char=? (string-ref arg 2) #\=))))

(define (option-like? arg)
  (or (string=? arg "--") (long-option? arg) (short-option? arg)))

(define (split-cluster arg)
  "\"-vfx\" -> (\"-v\" \"-fx\"); \"-f5\" -> (\"-f\" \"5\")."
  (let ((rest (substring arg 2)))
    (list (substring arg 0 2)
          (if (ascii-letter? (string-ref rest 0)) (string-append "-" rest) rest))))

;;; Parsing

(define* (getopt-long program-arguments option-desc-list #:key stop-at-first-non-option)
  (let ((program (car program-arguments))
        (specs (map parse-spec option-desc-list)))
    (define (fail fmt . args)
      (format (current-error-port) "~a: ~a~%" program (apply format #f fmt args))
      (exit 1))
    (define (by-name name)
      (or (find (lambda (s) (string=? (spec-name s) name)) specs)
          (fail "no such option: --~a" name)))
    (define (by-char c)
      (or (find (lambda (s) (eqv? (spec-char s) c)) specs)
          (fail "no such option: -~a" c)))
    (define (checked spec value)
      (let ((pred (spec-predicate spec)))
        (when (and pred (string? value) (not (pred value)))
          (fail "option predicate failed: --~a" (spec-name spec)))
        (cons (string->symbol (spec-name spec)) value)))
    (define (with-value spec args found loop)
      ;; SPEC was given without =VALUE: take its value from ARGS if it has one.
      (let ((kind (spec-value spec)))
        (cond ((not kind) (loop args (cons (checked spec #t) found)))
              ((and (pair? args) (not (option-like? (car args))))
               (loop (cdr args) (cons (checked spec (car args)) found)))
              ((eq? kind 'optional) (loop args (cons (checked spec #t) found)))
              (else (fail "option must be specified with argument: --~a" (spec-name spec))))))
    (define (with-given-value spec value)
      (cond ((not (spec-value spec))
             (fail "option does not support argument: --~a" (spec-name spec)))
            ((option-like? value)
             (fail "option must be specified with argument: --~a" (spec-name spec)))
            (else (checked spec value))))
    (define (finish found non-options)
      (for-each (lambda (spec)
                  (when (and (spec-required? spec)
                             (not (assq (string->symbol (spec-name spec)) found)))
                    (fail "option must be specified: --~a" (spec-name spec))))
                specs)
      (cons (cons '() (reverse non-options)) found))
    (let loop ((args (cdr program-arguments)) (found '()) (non-options '()))
      (define (next rest found) (loop rest found non-options))
      (if (null? args)
          (finish found non-options)
          (let ((arg (car args)) (rest (cdr args)))
            (cond ((string=? arg "--")
                   (finish found (append-reverse rest non-options)))
                  ((long-option? arg)
                   (let ((eq (string-index arg #\=)))
                     (if eq
                         (next rest (cons (with-given-value (by-name (substring arg 2 eq))
                                                            (substring arg (+ eq 1)))
                                          found))
                         (with-value (by-name (substring arg 2)) rest found next))))
                  ((and (short-option? arg) (> (string-length arg) 2))
                   (loop (append (split-cluster arg) rest) found non-options))
                  ((short-option? arg)
                   (with-value (by-char (string-ref arg 1)) rest found next))
                  (stop-at-first-non-option
                   (finish found (append-reverse args non-options)))
                  (else (loop rest found (cons arg non-options)))))))))

(define (option-ref options key default)
  (let ((entry (assq key options)))
    (if entry (cdr entry) default)))

;;; getopt-long.scm ends here
