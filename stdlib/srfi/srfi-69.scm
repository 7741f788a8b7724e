;;; (srfi srfi-69) --- basic hash tables

;;; Commentary:
;;;
;;; A SRFI-69 table wraps a native Guile table.  Tables whose equivalence
;;; and hash function match a native flavour (equal?, eqv?, eq?, string=?)
;;; go straight to the native leaves; any other equivalence goes through
;;; the hashx procedures with the table's hash function and an associator
;;; built from its equivalence.  Both keep Guile's bucket order, so the
;;; keys come out of hash-table-keys and friends in Guile's order.
;;;
;;; Code:

(define-module (srfi srfi-69)
  #:use-module ((srfi srfi-69 internal) #:prefix %)
  #:export (make-hash-table hash-table? alist->hash-table
            hash-table-equivalence-function hash-table-hash-function
            hash-table-ref hash-table-ref/default hash-table-set!
            hash-table-delete! hash-table-exists? hash-table-update!
            hash-table-update!/default
            hash-table-size hash-table-keys hash-table-values
            hash-table-walk hash-table-fold hash-table->alist
            hash-table-copy hash-table-merge!
            string-ci-hash hash-by-identity)
  #:re-export (string-hash)
  #:replace (hash make-hash-table hash-table?))

(define %guile-hash (@ (guile) hash))
(define %default-size (- (expt 2 61) 1))

(define* (hash obj #:optional (size %default-size))
  "OBJ's equal?-hash, below SIZE."
  (%guile-hash obj size))

(define string-ci-hash string-hash-ci)

(define* (hash-by-identity obj #:optional (size %default-size))
  "OBJ's eq?-hash, below SIZE."
  (hashq obj size))

(define hash-table? %hash-table?)
(define hash-table-equivalence-function %hash-table-equivalence-function)
(define hash-table-hash-function %hash-table-hash-function)

;;; Construction

(define (%guess-hash-function same?)
  (cond ((eq? same? equal?) %guile-hash)
        ((eq? same? eq?) hashq)
        ((eq? same? eqv?) hashv)
        ((eq? same? string=?) string-hash)
        ((eq? same? string-ci=?) string-ci-hash)
        (else %guile-hash)))

(define (%associator same?)
  (cond ((or (eq? same? equal?) (eq? same? string=?)) assoc)
        ((eq? same? eq?) assq)
        ((eq? same? eqv?) assv)
        (else (lambda (item alist) (assoc item alist same?)))))

(define (%native-kind same? hash-proc)
  "The native flavour that behaves like SAME? hashed by HASH-PROC, or #f."
  (cond ((and (memq same? (list equal? string=?))
              (memq hash-proc (list %guile-hash hash string-hash)))
         'equal)
        ((and (eq? same? eqv?) (eq? hash-proc hashv)) 'eqv)
        ((and (eq? same? eq?) (memq hash-proc (list hashq hash-by-identity))) 'eq)
        (else #f)))

(define (%native-constructor weakness)
  (case weakness
    ((#f) (@ (guile) make-hash-table))
    ((key) make-weak-key-hash-table)
    ((value) make-weak-value-hash-table)
    ((key-or-value) make-doubly-weak-hash-table)
    (else (scm-error 'misc-error #f "Invalid weak hash table type ~S" (list weakness) #f))))

(define (%split-arguments args)
  "Positional arguments and the #:weak option of make-hash-table's ARGS."
  (let lp ((args args) (positional '()) (weak #f))
    (cond ((null? args) (values (reverse! positional) weak))
          ((keyword? (car args))
           (lp (cddr args) positional
               (if (eq? (car args) #:weak) (cadr args) weak)))
          (else (lp (cdr args) (cons (car args) positional) weak)))))

(define (make-hash-table . args)
  "A new table comparing keys with an equivalence (equal? by default) and
hashing them with a hash function guessed from it unless given; #:weak
selects weak keys or values; further arguments go to Guile's constructor."
  (call-with-values (lambda () (%split-arguments args))
    (lambda (positional weak)
      (let* ((same? (if (pair? positional) (car positional) equal?))
             (rest (if (pair? positional) (cdr positional) '()))
             (hash-proc (if (pair? rest) (car rest) (%guess-hash-function same?)))
             (native-args (if (pair? rest) (cdr rest) '())))
        (%make-srfi-69-hash-table (apply (%native-constructor weak) native-args)
                                  (%associator same?) 0 weak same? hash-proc
                                  (%native-kind same? hash-proc))))))

;;; Access through the native or the hashx procedures

(define (%get-handle table key)
  (let ((real (%ht-real-table table)))
    (case (%ht-kind table)
      ((equal) (hash-get-handle real key))
      ((eqv) (hashv-get-handle real key))
      ((eq) (hashq-get-handle real key))
      (else (hashx-get-handle (hash-table-hash-function table) (%ht-associator table)
                              real key)))))

(define (%create-handle! table key init)
  (let ((real (%ht-real-table table)))
    (case (%ht-kind table)
      ((equal) (hash-create-handle! real key init))
      ((eqv) (hashv-create-handle! real key init))
      ((eq) (hashq-create-handle! real key init))
      (else (hashx-create-handle! (hash-table-hash-function table) (%ht-associator table)
                                  real key init)))))

(define (%remove! table key)
  (let ((real (%ht-real-table table)))
    (case (%ht-kind table)
      ((equal) (hash-remove! real key))
      ((eqv) (hashv-remove! real key))
      ((eq) (hashq-remove! real key))
      (else (hashx-remove! (hash-table-hash-function table) (%ht-associator table)
                           real key)))))

(define %missing (list 'missing))
(define %unspecified (if #f #f))

(define (%not-found key table)
  (scm-error 'misc-error #f "Key not in table ~S ~S" (list key table) #f))

;;; Single associations

(define (hash-table-ref table key . default-thunk)
  "KEY's value in TABLE; else the result of DEFAULT-THUNK, or an error."
  (let ((handle (%get-handle table key)))
    (cond (handle (cdr handle))
          ((pair? default-thunk) ((car default-thunk)))
          (else (%not-found key table)))))

(define (hash-table-ref/default table key default)
  "KEY's value in TABLE, or DEFAULT."
  (let ((handle (%get-handle table key)))
    (if handle (cdr handle) default)))

(define (hash-table-set! table key value)
  "Associate KEY with VALUE in TABLE."
  (let ((handle (%create-handle! table key %missing)))
    (when (eq? (cdr handle) %missing)
      (%ht-size! table (+ (%ht-size table) 1)))
    (set-cdr! handle value))
  %unspecified)

(define (hash-table-delete! table key)
  "Remove KEY's association from TABLE."
  (when (%get-handle table key)
    (%ht-size! table (- (%ht-size table) 1))
    (%remove! table key))
  %unspecified)

(define (hash-table-exists? table key)
  "Does TABLE associate KEY with a value?"
  (and (%get-handle table key) #t))

(define (hash-table-update! table key modifier . default-thunk)
  "Replace KEY's value by MODIFIER applied to it (or to DEFAULT-THUNK's result)."
  (let ((handle (%get-handle table key)))
    (if handle
        (set-cdr! handle (modifier (cdr handle)))
        (let ((value (if (pair? default-thunk)
                         (modifier ((car default-thunk)))
                         (%not-found key table))))
          (set-cdr! (%create-handle! table key value) value)
          (%ht-size! table (+ (%ht-size table) 1)))))
  %unspecified)

(define (hash-table-update!/default table key modifier default)
  "Replace KEY's value by MODIFIER applied to it, or to DEFAULT when missing."
  (hash-table-update! table key modifier (lambda () default)))

;;; The whole contents

(define (hash-table-fold table kons knil)
  "Fold (KONS key value previous) over TABLE, starting from KNIL."
  (hash-fold kons knil (%ht-real-table table)))

(define (hash-table-size table)
  "The number of associations in TABLE."
  (if (%ht-weakness table)
      (hash-table-fold table (lambda (k v n) (+ n 1)) 0)
      (%ht-size table)))

(define (hash-table-keys table)
  "The keys of TABLE."
  (hash-table-fold table (lambda (k v acc) (cons k acc)) '()))

(define (hash-table-values table)
  "The values of TABLE."
  (hash-table-fold table (lambda (k v acc) (cons v acc)) '()))

(define (hash-table-walk table proc)
  "Call (PROC key value) on each association of TABLE."
  (hash-table-fold table (lambda (k v unspecified) (proc k v) unspecified) %unspecified))

(define (hash-table->alist table)
  "TABLE's associations as an alist."
  (hash-table-fold table (lambda (k v acc) (cons (cons k v) acc)) '()))

(define (hash-table-copy table)
  "A new table with TABLE's equivalence, hash function and associations."
  (let* ((weak (%ht-weakness table))
         (copy (%make-srfi-69-hash-table
                ((%native-constructor weak) (hash-table-size table))
                (%ht-associator table) 0 weak
                (hash-table-equivalence-function table) (hash-table-hash-function table)
                (%ht-kind table))))
    (hash-table-fold table (lambda (k v acc) (set-cdr! (%create-handle! copy k v) v)) #f)
    (%ht-size! copy (%ht-size table))
    copy))

(define (hash-table-merge! table other)
  "Add OTHER's associations to TABLE, overriding TABLE's; return TABLE."
  (hash-table-fold other (lambda (k v acc) (hash-table-set! table k v)) #f)
  table)

(define (alist->hash-table alist . options)
  "A table made by make-hash-table with OPTIONS and filled from ALIST (earlier pairs win)."
  (let ((table (apply make-hash-table options)))
    (for-each (lambda (pair)
                (unless (%get-handle table (car pair))
                  (hash-table-set! table (car pair) (cdr pair))))
              alist)
    table))

;;; srfi-69.scm ends here
