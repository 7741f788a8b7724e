;;; provides: merge %sort-list sort stable-sort sort! append-reverse!
;;; sort.scm --- sorting and merging lists and vectors

;;; Commentary:
;;;
;;; A stable merge sort over lists; vectors are sorted as lists.
;;;
;;; Code:

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

;;; sort.scm ends here
