;;; lists.scm --- the list procedures of the default environment that are loaded on first use
;;; provides: and-map or-map filter filter! map-in-order list-index
;;; provides: sloppy-assq sloppy-assv sloppy-assoc list-cdr-ref list-cdr-set!
;;; provides: sorted? sort-list sort-list! stable-sort! merge!

;;; Commentary:
;;;
;;; Guile's default environment has only a few higher-order list
;;; procedures; the rest of SRFI-1 lives in (srfi srfi-1).  Errors follow
;;; Guile's C versions, which name the position of the bad argument.
;;;
;;; Code:

(define (%bad-position who pos x)
  (scm-error 'wrong-type-arg who "Wrong type argument in position ~A: ~S" (list pos x) (list x)))

(define (and-map f l)
  "#f if F fails on some element of L, else the value of its last call (#t for '())."
  (let lp ((result #t) (l l))
    (cond ((not result) #f)
          ((null? l) result)
          (else (lp (f (car l)) (cdr l))))))

(define (or-map f l)
  "The first true value of F on the elements of L, or #f."
  (let lp ((l l))
    (and (not (null? l))
         (or (f (car l)) (lp (cdr l))))))

(define (filter pred l)
  "The elements of L that satisfy PRED, in order."
  (unless (procedure? pred) (%bad-position "filter" 1 pred))
  (unless (list? l) (%bad-position "filter" 2 l))
  (let lp ((l l) (acc '()))
    (cond ((null? l) (reverse acc))
          ((pred (car l)) (lp (cdr l) (cons (car l) acc)))
          (else (lp (cdr l) acc)))))

(define (filter! pred l)
  "The elements of L that satisfy PRED, relinking the pairs of L that hold them."
  (unless (procedure? pred) (%bad-position "filter!" 1 pred))
  (unless (list? l) (%bad-position "filter!" 2 l))
  (let ((head (list #f)))
    (let lp ((l l) (end head))
      (cond ((null? l)
             (set-cdr! end '())
             (cdr head))
            ((pred (car l))
             (set-cdr! end l)
             (lp (cdr l) l))
            (else (lp (cdr l) end))))))

(define map-in-order map)

(define (list-index l x)
  "The index of the first element of L that is eq? to X, or #f."
  (let lp ((l l) (i 0))
    (cond ((null? l) #f)
          ((eq? (car l) x) i)
          (else (lp (cdr l) (+ i 1))))))

(define (%sloppy-ass same? key alist)
  "The first pair in ALIST whose car is SAME? as KEY, skipping whatever is not a pair."
  (let lp ((a alist))
    (and (pair? a)
         (let ((entry (car a)))
           (if (and (pair? entry) (same? (car entry) key))
               entry
               (lp (cdr a)))))))

(define (sloppy-assq key alist)
  "assq that tolerates improper association lists."
  (%sloppy-ass eq? key alist))

(define (sloppy-assv key alist)
  "assv that tolerates improper association lists."
  (%sloppy-ass eqv? key alist))

(define (sloppy-assoc key alist)
  "assoc that tolerates improper association lists."
  (%sloppy-ass equal? key alist))

(define list-cdr-ref list-tail)

(define (list-cdr-set! l k v)
  "Set the cdr of pair K of L to V; return V."
  (unless (exact-integer? k)
    (scm-error 'wrong-type-arg #f "Wrong type (expecting ~A): ~S" (list "exact integer" k) (list k)))
  (let lp ((p l) (i k))
    (cond ((not (pair? p))
           (if (and (null? p) (>= k 0))
               (scm-error 'out-of-range "list-cdr-set!" "Argument ~A out of range: ~S"
                          (list 2 k) (list k))
               (%bad-position "list-cdr-set!" 1 l)))
          ((<= i 0) (set-cdr! p v) v)
          (else (lp (cdr p) (- i 1))))))

;;; Sorting lists

(define (sorted? seq less?)
  "True when no element of the list or vector SEQ is LESS? than the one before it."
  (cond ((vector? seq) (sorted? (vector->list seq) less?))
        ((pair? seq)
         (let lp ((prev (car seq)) (l (cdr seq)))
           (cond ((pair? l) (and (not (less? (car l) prev)) (lp (car l) (cdr l))))
                 ((null? l) #t)
                 (else (scm-error 'out-of-range "sorted?" "Argument ~A out of range: ~S"
                                  (list 1 seq) (list seq))))))
        ((null? seq) #t)
        (else (scm-error 'wrong-type-arg #f "Wrong type (expecting ~A): ~S"
                         (list "array" seq) (list seq)))))

(define (sort-list l less?)
  "A stably sorted copy of the list L."
  (unless (list? l) (%bad-position "sort-list" 1 l))
  (sort l less?))

(define (sort-list! l less?)
  "The list L sorted stably; L itself may be reused."
  (unless (list? l) (%bad-position "sort-list!" 1 l))
  (sort l less?))

(define (stable-sort! seq less?)
  "Sort the list or vector SEQ stably, in place for a vector."
  (unless (or (list? seq) (vector? seq)) (%bad-position "stable-sort!" 1 seq))
  (sort! seq less?))

(define (merge! a b less?)
  "Merge the sorted lists A and B stably; their pairs may be reused."
  (unless (list? a) (%bad-position "merge!" 1 a))
  (unless (list? b) (%bad-position "merge!" 2 b))
  (merge a b less?))

;;; lists.scm ends here
