;;; (ice-9 regex) --- matching, match structures and substitution over the core regexps

;;; Commentary:
;;;
;;; make-regexp, regexp-exec and the regexp/ flags are core procedures
;;; (schemeth/primitives/regex.py).  A match is the vector
;;; #(string (start . end) ...) that regexp-exec returns, with (-1 . -1)
;;; for a group that did not take part; the accessors below read it.
;;;
;;; Successive matches (fold-matches and everything built on it) start
;;; where the previous match ended, with regexp/notbol after the first so
;;; that ^ anchors only at the start of the string.  An empty match right
;;; where a non-empty one ended is skipped, and after an empty match the
;;; search moves on one character.
;;;
;;; Code:

(define-module (ice-9 regex)
  #:export (match:count match:string match:prefix match:suffix
            regexp-match? regexp-quote match:start match:end match:substring
            string-match regexp-substitute fold-matches list-matches
            regexp-substitute/global))

;;; Match structures

(define (regexp-match? obj)
  (and (vector? obj)
       (>= (vector-length obj) 2)
       (string? (vector-ref obj 0))
       (pair? (vector-ref obj 1))))

(define (match:string match)
  (vector-ref match 0))

(define (match:count match)
  (- (vector-length match) 1))

(define* (match:start match #:optional (n 0))
  (let ((start (car (vector-ref match (+ n 1)))))
    (and (>= start 0) start)))

(define* (match:end match #:optional (n 0))
  (let ((end (cdr (vector-ref match (+ n 1)))))
    (and (>= end 0) end)))

(define* (match:substring match #:optional (n 0))
  (let ((span (vector-ref match (+ n 1))))
    (and (>= (car span) 0)
         (substring (match:string match) (car span) (cdr span)))))

(define (match:prefix match)
  (substring (match:string match) 0 (match:start match)))

(define (match:suffix match)
  (substring (match:string match) (match:end match)))

;;; Matching

(define* (string-match pattern str #:optional (start 0))
  (regexp-exec (make-regexp pattern) str start))

(define (regexp-quote string)
  "Return a pattern matching STRING literally in either POSIX syntax."
  (call-with-output-string
    (lambda (port)
      (string-for-each
       (lambda (c)
         (case c
           ((#\. #\* #\[ #\^ #\$ #\\) (write-char #\\ port) (write-char c port))
           ((#\( #\) #\| #\+ #\? #\{ #\})
            (write-char #\[ port) (write-char c port) (write-char #\] port))
           (else (write-char c port))))
       string))))

(define* (fold-matches regexp string init proc #:optional (flags 0))
  "Fold PROC over the successive non-overlapping matches of REGEXP in STRING."
  (let* ((rx (if (regexp? regexp) regexp (make-regexp regexp)))
         (len (string-length string)))
    (let loop ((start 0) (value init) (abuts #f))
      (let ((m (and (<= start len)
                    (regexp-exec rx string start
                                 (if (= start 0) flags (logior flags regexp/notbol))))))
        (cond ((not m) value)
              ((not (= (match:start m) (match:end m)))
               (loop (match:end m) (proc m value) #t))
              ((and abuts (= (match:start m) start))
               (loop (+ start 1) value #f))
              (else
               (loop (+ (match:end m) 1) (proc m value) #f)))))))

(define* (list-matches regexp string #:optional (flags 0))
  (reverse! (fold-matches regexp string '() cons flags)))

;;; Substitution

(define (bad-item item)
  (error 'wrong-type-arg item))

(define (call-with-output-or-string port proc)
  "Run PROC on PORT, or on a string port whose text is returned when PORT is #f."
  (if port
      (proc port)
      (call-with-output-string proc)))

(define (regexp-substitute port match . items)
  (call-with-output-or-string port
    (lambda (port)
      (for-each (lambda (item)
                  (cond ((string? item) (display item port))
                        ((integer? item) (display (match:substring match item) port))
                        ((eq? item 'pre) (display (match:prefix match) port))
                        ((eq? item 'post) (display (match:suffix match) port))
                        (else (bad-item item))))
                items))))

(define (regexp-substitute/global port regexp string . items)
  (let ((matches (list-matches regexp string)))
    (call-with-output-or-string port
      (lambda (port)
        ;; Output from START on, given the matches that lie after it.
        (let substitute ((start 0) (matches matches))
          (if (null? matches)
              (display (substring string start) port)
              (let ((m (car matches)))
                (for-each
                 (lambda (item)
                   (cond ((string? item) (display item port))
                         ((integer? item) (display (match:substring m item) port))
                         ((procedure? item) (display (item m) port))
                         ((eq? item 'pre) (display (substring string start (match:start m)) port))
                         ((eq? item 'post) (substitute (match:end m) (cdr matches)))
                         (else (bad-item item))))
                 items))))))))

;;; regex.scm ends here
