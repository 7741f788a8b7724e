;;; (ice-9 textual-ports) --- Guile's names for the R6RS textual port procedures

;;; Commentary:
;;;
;;; The readers and writers are the core's (rnrs io ports) procedures; this
;;; module adds the pushback procedures, which take the port first, and
;;; get-string-n!, which fills part of a string.
;;;
;;; Code:

(define-module (ice-9 textual-ports)
  #:use-module ((rnrs io ports)
                #:select (get-char lookahead-char get-line get-string-all get-string-n
                          put-char put-string))
  #:re-export (get-char lookahead-char get-line get-string-all get-string-n
               put-char put-string)
  #:export (get-string-n! unget-char unget-string))

(define (unget-char port char)
  (unread-char char port))

(define (unget-string port string)
  (unread-string string port))

(define (get-string-n! port string start count)
  "Read up to COUNT characters into STRING from START; return how many, or the EOF object."
  (let ((text (get-string-n port count)))
    (if (eof-object? text)
        text
        (begin
          (string-copy! string start text)
          (string-length text)))))

;;; textual-ports.scm ends here
