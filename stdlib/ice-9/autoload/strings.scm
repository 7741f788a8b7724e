;;; provides: string-index string-rindex string-index-right string-skip string-skip-right
;;; provides: string-count string-trim string-trim-right string-trim-both string-split
;;; provides: string-filter string-delete string-any string-every
;;; provides: string-fold string-fold-right string-for-each string-map string-map!
;;; provides: string-for-each-index string-tabulate string-unfold string-unfold-right
;;; strings.scm --- the string procedures that take a predicate or call procedures

;;; Commentary:
;;;
;;; Guile's SRFI-13 procedures accept a character, a char-set or a
;;; predicate where they test characters.  A character or char-set goes
;;; to the Python leaf of the same name with a `%' prefix
;;; (schemeth/primitives/charsets.py); a predicate is applied here, so
;;; that it may capture continuations.  Arguments are checked in Guile's
;;; order, with Guile's error shapes.
;;;
;;; Code:

(define (%check-procedure proc pos who)
  (unless (procedure? proc)
    (scm-error 'wrong-type-arg who "Wrong type argument in position ~A: ~S"
               (list pos proc) (list proc))))

(define (%checked-char proc ch who)
  (unless (char? ch)
    (scm-error 'misc-error who "procedure ~S returned non-char" (list proc) #f))
  ch)

(define (%scan who s pred range want? backwards?)
  "Index of the first (or last) character of the section for which PRED's truth is WANT?."
  (let* ((r (%string-range who 1 s range)) (lo (car r)) (hi (cdr r)))
    (define (hit? i) (if (pred (string-ref s i)) want? (not want?)))
    (if backwards?
        (let lp ((i (- hi 1)))
          (and (>= i lo) (if (hit? i) i (lp (- i 1)))))
        (let lp ((i lo))
          (and (< i hi) (if (hit? i) i (lp (+ i 1))))))))

;;; Searching

(define-syntax-rule (define-search name leaf (s pred range) predicate-case)
  ;; NAME takes (s pred [start end]): a predicate PRED runs PREDICATE-CASE,
  ;; anything else goes to the LEAF.  case-lambda avoids a rest list on the
  ;; common character path.
  (define name
    (case-lambda
      ((s pred)
       (if (procedure? pred) (let ((range '())) predicate-case) (leaf s pred)))
      ((s pred start)
       (if (procedure? pred) (let ((range (list start))) predicate-case) (leaf s pred start)))
      ((s pred start end)
       (if (procedure? pred) (let ((range (list start end))) predicate-case) (leaf s pred start end))))))

(define-search string-index %string-index (s pred range)
  (%scan "string-index" s pred range #t #f))

(define-search string-rindex %string-rindex (s pred range)
  (%scan "string-rindex" s pred range #t #t))

(define-search string-index-right %string-index-right (s pred range)
  (%scan "string-index-right" s pred range #t #t))

(define-search string-skip %string-skip (s pred range)
  (%scan "string-skip" s pred range #f #f))

(define-search string-skip-right %string-skip-right (s pred range)
  (%scan "string-skip-right" s pred range #f #t))

(define-search string-count %string-count (s pred range)
  (let* ((r (%string-range "string-count" 1 s range)) (hi (cdr r)))
    (let lp ((i (car r)) (n 0))
      (cond ((>= i hi) n)
            ((pred (string-ref s i)) (lp (+ i 1) (+ n 1)))
            (else (lp (+ i 1) n))))))

;;; Trimming and splitting

(define (%trim who s pred range left? right?)
  (let* ((r (%string-range who 1 s range)) (lo (car r)) (hi (cdr r)))
    (let* ((lo (if left?
                   (let lp ((i lo)) (if (and (< i hi) (pred (string-ref s i))) (lp (+ i 1)) i))
                   lo))
           (hi (if right?
                   (let lp ((i hi)) (if (and (> i lo) (pred (string-ref s (- i 1)))) (lp (- i 1)) i))
                   hi)))
      (substring s lo hi))))

(define-syntax-rule (define-trim name leaf left? right?)
  ;; NAME takes (s [pred start end]), PRED defaulting to whitespace.
  (define name
    (case-lambda
      ((s) (leaf s))
      ((s pred)
       (if (procedure? pred) (%trim (symbol->string 'name) s pred '() left? right?) (leaf s pred)))
      ((s pred start)
       (if (procedure? pred)
           (%trim (symbol->string 'name) s pred (list start) left? right?)
           (leaf s pred start)))
      ((s pred start end)
       (if (procedure? pred)
           (%trim (symbol->string 'name) s pred (list start end) left? right?)
           (leaf s pred start end))))))

(define-trim string-trim %string-trim #t #f)
(define-trim string-trim-right %string-trim-right #f #t)
(define-trim string-trim-both %string-trim-both #t #t)

(define (string-split s pred)
  "The substrings of S between the characters matching PRED."
  (if (procedure? pred)
      (let ((n (cdr (%string-range "string-split" 1 s '()))))
        (let lp ((i 0) (start 0) (acc '()))
          (cond ((= i n) (reverse! (cons (substring s start n) acc)))
                ((pred (string-ref s i)) (lp (+ i 1) (+ i 1) (cons (substring s start i) acc)))
                (else (lp (+ i 1) start acc)))))
      (%string-split s pred)))

;;; Selecting characters

(define (%select who pred s range keep?)
  (let* ((r (%string-range who 2 s range)) (hi (cdr r)))
    (let lp ((i (car r)) (acc '()))
      (if (>= i hi)
          (reverse-list->string acc)
          (let ((c (string-ref s i)))
            (lp (+ i 1) (if (if (pred c) keep? (not keep?)) (cons c acc) acc)))))))

(define (string-filter pred s . range)
  "The characters of S that match PRED."
  (if (procedure? pred)
      (%select "string-filter" pred s range #t)
      (apply %string-filter pred s range)))

(define (string-delete pred s . range)
  "The characters of S that do not match PRED."
  (if (procedure? pred)
      (%select "string-delete" pred s range #f)
      (apply %string-delete pred s range)))

(define (string-any pred s . range)
  "The first true value of PRED on the characters of S, or #f."
  (string-length s)
  (if (procedure? pred)
      (let* ((r (%string-range "string-any" 2 s range)) (hi (cdr r)))
        (let lp ((i (car r)))
          (and (< i hi)
               (or (pred (string-ref s i)) (lp (+ i 1))))))
      (apply %string-any pred s range)))

(define (string-every pred s . range)
  "Whether PRED holds on every character of S; its last value, or #t for none."
  (string-length s)
  (if (procedure? pred)
      (let* ((r (%string-range "string-every" 2 s range)) (hi (cdr r)))
        (let lp ((i (car r)) (last #t))
          (if (>= i hi)
              last
              (let ((v (pred (string-ref s i))))
                (and v (lp (+ i 1) v))))))
      (apply %string-every pred s range)))

;;; Iteration

(define (string-fold kons knil s . range)
  "Fold (KONS char previous) over S from the left, starting from KNIL."
  (%check-procedure kons 1 "string-fold")
  (let* ((r (%string-range "string-fold" 3 s range)) (hi (cdr r)))
    (let lp ((i (car r)) (acc knil))
      (if (>= i hi) acc (lp (+ i 1) (kons (string-ref s i) acc))))))

(define (string-fold-right kons knil s . range)
  "Fold (KONS char previous) over S from the right, starting from KNIL."
  (%check-procedure kons 1 "string-fold-right")
  (let* ((r (%string-range "string-fold-right" 3 s range)) (lo (car r)))
    (let lp ((i (- (cdr r) 1)) (acc knil))
      (if (< i lo) acc (lp (- i 1) (kons (string-ref s i) acc))))))

(define (string-for-each proc s . range)
  "Call PROC on each character of S, left to right."
  (%check-procedure proc 1 "string-for-each")
  (let* ((r (%string-range "string-for-each" 2 s range)) (hi (cdr r)))
    (let lp ((i (car r)))
      (when (< i hi)
        (proc (string-ref s i))
        (lp (+ i 1))))))

(define (string-for-each-index proc s . range)
  "Call PROC on each index of S, left to right."
  (%check-procedure proc 1 "string-for-each-index")
  (let* ((r (%string-range "string-for-each-index" 2 s range)) (hi (cdr r)))
    (let lp ((i (car r)))
      (when (< i hi)
        (proc i)
        (lp (+ i 1))))))

(define (%map who proc s range)
  (%check-procedure proc 1 who)
  (let* ((r (%string-range who 2 s range)) (hi (cdr r)))
    (let lp ((i (car r)) (acc '()))
      (if (>= i hi)
          (reverse-list->string acc)
          (lp (+ i 1) (cons (%checked-char proc (proc (string-ref s i)) who) acc))))))

(define (string-map proc s . range)
  "The string of PROC's results on the characters of S."
  (%map "string-map" proc s range))

(define (string-map! proc s . range)
  "Replace each character of S by PROC's result on it."
  (let ((mapped (%map "string-map!" proc s range)))
    (string-copy! s (car (%string-range "string-map!" 2 s range)) mapped)
    (if #f #f)))

;;; Construction

(define (string-tabulate proc len)
  "The string of LEN characters (PROC i)."
  (%check-procedure proc 1 "string-tabulate")
  (unless (and (exact-integer? len) (>= len 0))
    (if (exact-integer? len)
        (scm-error 'out-of-range "string-tabulate" "Argument ~A out of range: ~S"
                   (list 2 len) (list len))
        (scm-error 'wrong-type-arg #f "Wrong type (expecting ~A): ~S"
                   (list "exact integer" len) (list len))))
  (let lp ((i (- len 1)) (acc '()))
    (if (< i 0)
        (list->string acc)
        (lp (- i 1) (cons (%checked-char proc (proc i) "string-tabulate") acc)))))

(define (%unfold-chars who stop? mapper successor seed)
  "The characters (MAPPER seed) for each seed until STOP?, last first, and the final seed."
  (let lp ((seed seed) (acc '()))
    (if (stop? seed)
        (values acc seed)
        (lp (successor seed) (cons (%checked-char mapper (mapper seed) who) acc)))))

(define (%unfold-string who s pos)
  (unless (string? s)
    (scm-error 'wrong-type-arg who "Wrong type argument in position ~A (expecting ~A): ~S"
               (list pos "string" s) (list s)))
  s)

(define* (string-unfold stop? mapper successor seed
                        #:optional (base "") (make-final (lambda (x) "")))
  "BASE, then (MAPPER seed) for each seed SUCCESSOR produces until STOP?, then (MAKE-FINAL seed)."
  (%unfold-string "string-unfold" base 5)
  (call-with-values (lambda () (%unfold-chars "string-unfold" stop? mapper successor seed))
    (lambda (chars final)
      (string-append base (reverse-list->string chars) (make-final final)))))

(define* (string-unfold-right stop? mapper successor seed
                              #:optional (base "") (make-final (lambda (x) "")))
  "Like string-unfold, building the string from right to left."
  (%unfold-string "string-unfold-right" base 5)
  (call-with-values (lambda () (%unfold-chars "string-unfold-right" stop? mapper successor seed))
    (lambda (chars final)
      (string-append (make-final final) (list->string chars) base))))

;;; strings.scm ends here
