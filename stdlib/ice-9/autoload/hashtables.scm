;;; provides: hash-fold hash-for-each hash-for-each-handle hash-map->list hash-count
;;; provides: hashx-ref hashx-set! hashx-get-handle hashx-create-handle! hashx-remove!
;;; hashtables.scm --- the hash-table procedures that call procedures

;;; Commentary:
;;;
;;; The tables themselves are Python leaves (schemeth/primitives/hashtables.py).
;;; Iterators walk a snapshot of the handles, taken in Guile's bucket order;
;;; the hashx procedures work on the same buckets with the caller's hash and
;;; assoc procedures, rehashing through them when the table grows or shrinks.
;;;
;;; Code:

(define (%check-procedure proc who)
  (unless (procedure? proc)
    (scm-error 'wrong-type-arg who "Wrong type argument in position ~A: ~S"
               (list 1 proc) (list proc))))

(define (hash-fold proc init table)
  "Fold PROC over TABLE's entries: (PROC key value previous), starting from INIT."
  (%check-procedure proc "hash-fold")
  (let lp ((handles (%hash-table-handles table 'hash-fold 3)) (acc init))
    (if (null? handles)
        acc
        (lp (cdr handles) (proc (caar handles) (cdar handles) acc)))))

(define (hash-for-each proc table)
  "Call (PROC key value) for each entry of TABLE."
  (%check-procedure proc "hash-for-each")
  (let lp ((handles (%hash-table-handles table 'hash-for-each 2)))
    (unless (null? handles)
      (proc (caar handles) (cdar handles))
      (lp (cdr handles)))))

(define (hash-for-each-handle proc table)
  "Call PROC on each (key . value) handle of TABLE."
  (%check-procedure proc "hash-for-each-handle")
  (let lp ((handles (%hash-table-handles table 'hash-for-each-handle 2)))
    (unless (null? handles)
      (proc (car handles))
      (lp (cdr handles)))))

(define (hash-map->list proc table)
  "The list of (PROC key value) over TABLE's entries."
  (%check-procedure proc "hash-map->list")
  (let lp ((handles (%hash-table-handles table 'hash-map->list 2)) (acc '()))
    (if (null? handles)
        acc
        (lp (cdr handles) (cons (proc (caar handles) (cdar handles)) acc)))))

(define (hash-count pred table)
  "The number of entries of TABLE for which (PRED key value) is true."
  (%check-procedure pred "hash-count")
  (let lp ((handles (%hash-table-handles table 'hash-count 2)) (n 0))
    (cond ((null? handles) n)
          ((pred (caar handles) (cdar handles)) (lp (cdr handles) (+ n 1)))
          (else (lp (cdr handles) n)))))

;;; User-hashed access

(define (%hashx-bucket-index hash table key who)
  (let* ((size (%hash-table-size table who))
         (i (hash key size)))
    (unless (and (exact-integer? i) (<= 0 i) (< i size))
      (scm-error 'out-of-range who "Value out of range: ~S" (list i) (list i)))
    i))

(define (%hashx-resize! hash table size)
  (when size
    (%hashx-rehash! table size
                    (map (lambda (handle) (hash (car handle) size))
                         (%hash-table-handles table 'hashx 1)))))

(define (hashx-get-handle hash assoc table key)
  "KEY's handle in TABLE, hashed by HASH and found by ASSOC, or #f."
  (let ((i (%hashx-bucket-index hash table key "scm_hash_fn_get_handle")))
    (assoc key (%hash-table-bucket table i))))

(define* (hashx-ref hash assoc table key #:optional (default #f))
  "KEY's value in TABLE, hashed by HASH and found by ASSOC, or DEFAULT."
  (let ((handle (hashx-get-handle hash assoc table key)))
    (if (pair? handle) (cdr handle) default)))

(define (hashx-create-handle! hash assoc table key init)
  "KEY's handle in TABLE, added with value INIT when missing."
  (let* ((i (%hashx-bucket-index hash table key "scm_hash_fn_create_handle_x"))
         (found (assoc key (%hash-table-bucket table i))))
    (cond ((pair? found) found)
          (found (scm-error 'wrong-type-arg #f "Wrong type (expecting ~A): ~S"
                            (list "a pair" found) (list found)))
          (else
           (let ((handle (cons key init)))
             (%hashx-resize! hash table (%hashx-insert! table i handle))
             handle)))))

(define (hashx-set! hash assoc table key value)
  "Associate KEY with VALUE in TABLE, hashed by HASH and found by ASSOC."
  (set-cdr! (hashx-create-handle! hash assoc table key value) value)
  value)

(define (hashx-remove! hash assoc table key)
  "Remove KEY from TABLE; return its old handle, or #f."
  (let* ((i (%hashx-bucket-index hash table key "hash_fn_remove_x"))
         (found (assoc key (%hash-table-bucket table i))))
    (when found
      (%hashx-resize! hash table (%hashx-remove! table i found)))
    found))

;;; hashtables.scm ends here
