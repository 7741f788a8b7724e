;;; (ice-9 hash-table) --- building hash tables from association lists

;;; Commentary:
;;;
;;; Earlier associations win: the alist is entered last pair first.
;;;
;;; Code:

(define-module (ice-9 hash-table)
  #:export (alist->hash-table alist->hashq-table alist->hashv-table alist->hashx-table))

(define (%alist->table alist put!)
  (let ((table (make-hash-table)))
    (for-each (lambda (pair) (put! table (car pair) (cdr pair)))
              (reverse alist))
    table))

(define (alist->hash-table alist)
  "A hash table (keys compared with equal?) holding ALIST's associations."
  (%alist->table alist hash-set!))

(define (alist->hashq-table alist)
  "A hash table (keys compared with eq?) holding ALIST's associations."
  (%alist->table alist hashq-set!))

(define (alist->hashv-table alist)
  "A hash table (keys compared with eqv?) holding ALIST's associations."
  (%alist->table alist hashv-set!))

(define (alist->hashx-table hash assoc alist)
  "A hash table holding ALIST's associations, hashed by HASH and found by ASSOC."
  (%alist->table alist (lambda (table key value) (hashx-set! hash assoc table key value))))

;;; hash-table.scm ends here
