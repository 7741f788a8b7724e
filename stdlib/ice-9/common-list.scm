;;; (ice-9 common-list) --- the old Common Lisp-style list helpers

;;; Commentary:
;;;
;;; Set operations compare with eq? (has-duplicates? with equal?), keep
;;; the order of their first list, and union puts the new elements of its
;;; first list in front of the second in reverse.  pick and pick-mappings
;;; return their results in reverse order, as Guile's do.  The procedures
;;; ending in ! may reuse their argument, but need not.
;;;
;;; Code:

(define-module (ice-9 common-list)
  #:export (adjoin union intersection set-difference reduce-init reduce
            some every notany notevery count-if find-if member-if remove-if
            remove-if-not delete-if! delete-if-not! butlast and? or?
            has-duplicates? pick pick-mappings uniq))

(define (adjoin e l)
  (if (memq e l) l (cons e l)))

(define (union l1 l2)
  (cond ((null? l1) l2)
        ((null? l2) l1)
        (else (let loop ((l l1) (acc l2))
                (if (null? l) acc (loop (cdr l) (adjoin (car l) acc)))))))

(define (intersection l1 l2)
  (filter (lambda (x) (memq x l2)) l1))

(define (set-difference l1 l2)
  (filter (lambda (x) (not (memq x l2))) l1))

(define (reduce-init p init l)
  (if (null? l) init (reduce-init p (p init (car l)) (cdr l))))

(define (reduce p l)
  (if (null? l) l (reduce-init p (car l) (cdr l))))

(define (cars ls) (map car ls))
(define (cdrs ls) (map cdr ls))
(define (any-null? ls) (or-map null? ls))

(define (some pred l . rest)
  (if (null? rest)
      (let loop ((l l))
        (and (pair? l) (or (pred (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l rest)))
        (and (not (any-null? ls)) (or (apply pred (cars ls)) (loop (cdrs ls)))))))

(define (every pred l . rest)
  (if (null? rest)
      (let loop ((l l))
        (or (null? l) (and (pred (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l rest)))
        (or (any-null? ls) (and (apply pred (cars ls)) (loop (cdrs ls)))))))

(define (notany pred . ls)
  (not (apply some pred ls)))

(define (notevery pred . ls)
  (not (apply every pred ls)))

(define (count-if pred l)
  (let loop ((l l) (n 0))
    (if (null? l)
        n
        (let ((n (if (pred (car l)) (+ n 1) n)))
          (loop (cdr l) n)))))

(define (find-if pred l)
  (let loop ((l l))
    (cond ((null? l) #f)
          ((pred (car l)) (car l))
          (else (loop (cdr l))))))

(define (member-if pred l)
  (let loop ((l l))
    (cond ((null? l) #f)
          ((pred (car l)) l)
          (else (loop (cdr l))))))

(define (remove-if pred l)
  (filter (lambda (x) (not (pred x))) l))

(define (remove-if-not pred l)
  (filter pred l))

(define (delete-if! pred l)
  (remove-if pred l))

(define (delete-if-not! pred l)
  (remove-if-not pred l))

(define (butlast l n)
  (let ((keep (- (length l) n)))
    (if (<= keep 0) '() (list-head l keep))))

(define (and? . args)
  (or (null? args) (and (car args) (apply and? (cdr args)))))

(define (or? . args)
  (and (pair? args) (if (car args) #t (apply or? (cdr args)))))

(define (has-duplicates? l)
  (and (pair? l)
       (or (member (car l) (cdr l)) (has-duplicates? (cdr l)))
       #t))

(define (pick p l)
  (let loop ((l l) (acc '()))
    (cond ((null? l) acc)
          ((p (car l)) (loop (cdr l) (cons (car l) acc)))
          (else (loop (cdr l) acc)))))

(define (pick-mappings p l)
  (let loop ((l l) (acc '()))
    (if (null? l)
        acc
        (let ((v (p (car l))))
          (loop (cdr l) (if v (cons v acc) acc))))))

(define (uniq l)
  (let loop ((l l) (acc '()))
    (cond ((null? l) (reverse! acc))
          ((memq (car l) acc) (loop (cdr l) acc))
          (else (loop (cdr l) (cons (car l) acc))))))

;;; common-list.scm ends here
