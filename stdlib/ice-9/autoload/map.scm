;;; provides: map for-each %not-a-list %check-lengths %cars %cdrs vector-map vector-for-each
;;; map.scm --- the mapping procedures of the default environment

;;; Commentary:
;;;
;;; map and for-each run F on the elements left to right.  map collects
;;; with `reverse', never `reverse!': a continuation captured inside F may
;;; return again, and must not see the pairs of an earlier result mutated.
;;;
;;; Code:

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

(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))

(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))

;;; map.scm ends here
