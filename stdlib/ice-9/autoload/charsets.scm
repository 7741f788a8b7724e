;;; provides: char-set-fold char-set-for-each char-set-map char-set-filter char-set-filter!
;;; provides: char-set-count char-set-any char-set-every char-set-unfold char-set-unfold!
;;; charsets.scm --- the char-set procedures that call procedures

;;; Commentary:
;;;
;;; Char-sets are Python leaves (schemeth/primitives/charsets.py); these
;;; walk the list of a set's characters, in increasing order as Guile does.
;;;
;;; Code:

(define (%check-proc proc pos who)
  (unless (procedure? proc)
    (scm-error 'wrong-type-arg who "Wrong type argument in position ~A: ~S"
               (list pos proc) (list proc))))

(define (%char-result proc ch who)
  (unless (char? ch)
    (scm-error 'misc-error who "procedure ~S returned non-char" (list proc) #f))
  ch)

(define (char-set-fold kons knil cs)
  "Fold (KONS char previous) over the characters of CS, starting from KNIL."
  (%check-proc kons 1 "char-set-fold")
  (let lp ((chars (%char-set-chars cs 'char-set-fold 3)) (acc knil))
    (if (null? chars)
        acc
        (lp (cdr chars) (kons (car chars) acc)))))

(define (char-set-for-each proc cs)
  "Call PROC on each character of CS."
  (%check-proc proc 1 "char-set-for-each")
  (for-each proc (%char-set-chars cs 'char-set-for-each 2)))

(define (char-set-map proc cs)
  "The set of the characters PROC returns for the characters of CS."
  (%check-proc proc 1 "char-set-map")
  (list->char-set
   (map (lambda (c) (%char-result proc (proc c) "char-set-map"))
        (%char-set-chars cs 'char-set-map 2))))

(define (%filter who pred cs)
  (%check-proc pred 1 who)
  (let lp ((chars (%char-set-chars cs who 2)) (acc '()))
    (cond ((null? chars) acc)
          ((pred (car chars)) (lp (cdr chars) (cons (car chars) acc)))
          (else (lp (cdr chars) acc)))))

(define* (char-set-filter pred cs #:optional base)
  "The characters of CS satisfying PRED, plus those of BASE."
  (let ((kept (%filter "char-set-filter" pred cs)))
    (if base
        (begin
          (unless (char-set? base)
            (scm-error 'wrong-type-arg "char-set-filter" "Wrong type argument in position ~A: ~S"
                       (list 3 base) (list base)))
          (list->char-set kept base))
        (list->char-set kept))))

(define (char-set-filter! pred cs base)
  "Add the characters of CS satisfying PRED to BASE."
  (list->char-set! (%filter "char-set-filter!" pred cs) base))

(define (char-set-count pred cs)
  "The number of characters of CS satisfying PRED."
  (%check-proc pred 1 "char-set-count")
  (let lp ((chars (%char-set-chars cs 'char-set-count 2)) (n 0))
    (cond ((null? chars) n)
          ((pred (car chars)) (lp (cdr chars) (+ n 1)))
          (else (lp (cdr chars) n)))))

(define (char-set-any pred cs)
  "The first true value of PRED on the characters of CS, or #f (#t for an empty set, as in Guile)."
  (%check-proc pred 1 "char-set-any")
  (let ((chars (%char-set-chars cs 'char-set-any 2)))
    (or (null? chars)
        (let lp ((chars chars))
          (and (pair? chars)
               (or (pred (car chars)) (lp (cdr chars))))))))

(define (char-set-every pred cs)
  "Does PRED hold for every character of CS?"
  (%check-proc pred 1 "char-set-every")
  (let lp ((chars (%char-set-chars cs 'char-set-every 2)))
    (cond ((null? chars) #t)
          ((pred (car chars)) (lp (cdr chars)))
          (else #f))))

(define (%unfold who stop? mapper successor seed)
  (%check-proc stop? 1 who)
  (%check-proc mapper 2 who)
  (%check-proc successor 3 who)
  (let lp ((seed seed) (acc '()))
    (if (stop? seed)
        acc
        (lp (successor seed) (cons (%char-result mapper (mapper seed) who) acc)))))

(define* (char-set-unfold stop? mapper successor seed #:optional base)
  "The characters (MAPPER seed) for the seeds SUCCESSOR generates until STOP?, plus BASE's."
  (let ((chars (%unfold "char-set-unfold" stop? mapper successor seed)))
    (if base (list->char-set chars base) (list->char-set chars))))

(define (char-set-unfold! stop? mapper successor seed base)
  "Add the characters (MAPPER seed) for the seeds until STOP? to BASE."
  (list->char-set! (%unfold "char-set-unfold!" stop? mapper successor seed) base))

;;; charsets.scm ends here
