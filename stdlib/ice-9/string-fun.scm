;;; (ice-9 string-fun) --- Guile's old string splitting and trimming helpers

;;; Commentary:
;;;
;;; The split- procedures call RET with the two parts of STR around the
;;; first (or, for the -last ones, the last) separator; when there is none,
;;; RET gets STR and "" (the -last ones other than -discarding give "" and
;;; STR).  The separate-fields- procedures apply RET to every field.  The
;;; -after- forms keep the separator at the end of the part before it,
;;; the -before- forms at the start of the part after it.
;;;
;;; Code:

(define-module (ice-9 string-fun)
  #:export (split-after-char split-before-char split-discarding-char
            split-after-char-last split-before-char-last split-discarding-char-last
            split-before-predicate split-after-predicate split-discarding-predicate
            separate-fields-discarding-char separate-fields-after-char
            separate-fields-before-char string-prefix-predicate string-prefix=?
            sans-surrounding-whitespace sans-trailing-whitespace
            sans-leading-whitespace sans-final-newline has-trailing-newline?
            string-replace-substring))

;;; Splitting in two

(define (split-at-index str i keep-before keep-after ret)
  "Call RET with STR cut around index I; KEEP-BEFORE / KEEP-AFTER say which side keeps STR[I]."
  (ret (substring str 0 (if keep-before (+ i 1) i))
       (substring str (if keep-after i (+ i 1)))))

(define (first-split str i keep-before keep-after ret)
  (if i (split-at-index str i keep-before keep-after ret) (ret str "")))

(define (last-split str i keep-before keep-after ret)
  (if i (split-at-index str i keep-before keep-after ret) (ret "" str)))

(define (split-after-char char str ret)
  (first-split str (string-index str char) #t #f ret))

(define (split-before-char char str ret)
  (first-split str (string-index str char) #f #t ret))

(define (split-discarding-char char str ret)
  (first-split str (string-index str char) #f #f ret))

(define (split-after-char-last char str ret)
  (last-split str (string-rindex str char) #t #f ret))

(define (split-before-char-last char str ret)
  (last-split str (string-rindex str char) #f #t ret))

(define (split-discarding-char-last char str ret)
  (first-split str (string-rindex str char) #f #f ret))

(define (split-before-predicate pred str ret)
  (first-split str (string-index str pred) #f #t ret))

(define (split-after-predicate pred str ret)
  (first-split str (string-index str pred) #t #f ret))

(define (split-discarding-predicate pred str ret)
  (first-split str (string-index str pred) #f #f ret))

;;; Splitting into fields

(define (separator-positions ch str)
  (let loop ((i (string-length str)) (found '()))
    (let ((j (string-rindex str ch 0 i)))
      (if j (loop j (cons j found)) found))))

(define (fields str starts ends)
  (map (lambda (s e) (substring str s e)) starts ends))

(define (separate-fields-discarding-char ch str ret)
  (let ((seps (separator-positions ch str)))
    (apply ret (fields str (cons 0 (map 1+ seps)) (append seps (list (string-length str)))))))

(define (separate-fields-after-char ch str ret)
  (let ((seps (map 1+ (separator-positions ch str))))
    (apply ret (fields str (cons 0 seps) (append seps (list (string-length str)))))))

(define (separate-fields-before-char ch str ret)
  (let ((seps (separator-positions ch str)))
    (apply ret (fields str (cons 0 seps) (append seps (list (string-length str)))))))

;;; Prefixes, whitespace, newlines

(define (string-prefix-predicate pred?)
  (lambda (prefix str)
    (and (<= (string-length prefix) (string-length str))
         (pred? prefix (substring str 0 (string-length prefix))))))

(define string-prefix=? (string-prefix-predicate string=?))

(define (sans-surrounding-whitespace s)
  (string-trim-both s char-whitespace?))

(define (sans-trailing-whitespace s)
  (string-trim-right s char-whitespace?))

(define (sans-leading-whitespace s)
  (string-trim s char-whitespace?))

(define (has-trailing-newline? str)
  (let ((len (string-length str)))
    (and (> len 0) (char=? (string-ref str (- len 1)) #\newline))))

(define (sans-final-newline str)
  (if (has-trailing-newline? str)
      (substring str 0 (- (string-length str) 1))
      str))

(define (string-replace-substring str pattern replacement)
  "Replace every non-overlapping PATTERN in STR, left to right (an empty one: no change)."
  (let ((n (string-length pattern)))
    (if (= n 0)
        (string-copy str)
        (call-with-output-string
          (lambda (port)
            (let loop ((start 0))
              (let ((hit (string-contains str pattern start)))
                (if hit
                    (begin (display (substring str start hit) port)
                           (display replacement port)
                           (loop (+ hit n)))
                    (display (substring str start) port)))))))))

;;; string-fun.scm ends here
