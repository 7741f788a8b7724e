;;; (ice-9 q) --- queues as pairs

;;; Commentary:
;;;
;;; A queue is a pair (ELEMENTS . LAST-PAIR): ELEMENTS is the list of the
;;; queued objects, front first, and LAST-PAIR is its last pair, or #f
;;; when the queue is empty, so that both ends are reached in constant
;;; time.  Queues are ordinary data: they print as such.  The procedures
;;; that have nothing else to return return the queue.
;;;
;;; Code:

(define-module (ice-9 q)
  #:export (sync-q! make-q q? q-empty? q-empty-check q-front q-rear
            q-remove! q-push! enq! q-pop! deq! q-length))

(define (make-q)
  "A new, empty queue."
  (cons '() #f))

(define (sync-q! q)
  "Recompute the last-pair link of Q after its element list was changed."
  (set-cdr! q (and (pair? (car q)) (last-pair (car q))))
  q)

(define (q? obj)
  "Is OBJ a well-formed queue?"
  (and (pair? obj)
       (if (pair? (car obj))
           (eq? (cdr obj) (last-pair (car obj)))
           (and (null? (car obj)) (not (cdr obj))))))

(define (q-empty? q)
  "Is Q empty?"
  (null? (car q)))

(define (q-empty-check q)
  "Throw `q-empty' if Q is empty."
  (when (q-empty? q)
    (throw 'q-empty q)))

(define (q-front q)
  "The first element of Q."
  (q-empty-check q)
  (caar q))

(define (q-rear q)
  "The last element of Q."
  (q-empty-check q)
  (cadr q))

(define (q-remove! q obj)
  "Remove every occurrence of OBJ (compared with eq?) from Q."
  (set-car! q (delq! obj (car q)))
  (sync-q! q))

(define (q-push! q obj)
  "Add OBJ at the front of Q."
  (let ((cell (cons obj (car q))))
    (set-car! q cell)
    (unless (cdr q)
      (set-cdr! q cell)))
  q)

(define (enq! q obj)
  "Add OBJ at the rear of Q."
  (let ((cell (list obj)))
    (if (null? (car q))
        (set-car! q cell)
        (set-cdr! (cdr q) cell))
    (set-cdr! q cell))
  q)

(define (q-pop! q)
  "Remove the first element of Q and return it."
  (q-empty-check q)
  (let ((first (caar q))
        (rest (cdar q)))
    (when (null? rest)
      (set-cdr! q #f))
    (set-car! q rest)
    first))

(define deq! q-pop!)

(define (q-length q)
  "The number of elements in Q."
  (length (car q)))

;;; q.scm ends here
