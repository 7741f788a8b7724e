;;; 05-shift-reset.scm --- shift/reset and nondeterminism: amb and n-queens.
;;;
;;; Run: schemeth examples/lessons/05-shift-reset.scm

;;; Commentary:
;;;
;;; (ice-9 control) provides the classic operators of the literature:
;;;
;;;   (reset BODY ...)   a prompt around BODY;
;;;   (shift K EXPR ...) capture the rest of the computation up to the
;;;                      nearest reset as a procedure K, and replace that
;;;                      whole computation by the value of EXPR.
;;;
;;; Calling K runs "the rest" again with a new value in the hole and
;;; returns what the reset would have returned.  K can be called zero
;;; times (an escape), once (a pause) or many times (a search).
;;;
;;; Code:

(use-modules (ice-9 control))

(define (show label value)
  (display label) (display ": ") (write value) (newline))

;; The rest of the computation here is (+ 1 []): K adds one.
(show "k twice" (reset (+ 1 (shift k (k (k 10))))))
(show "k never" (reset (+ 1 (shift k 'skipped))))
(show "k thrice" (reset (* 2 (shift k (list (k 1) (k 2) (k 3))))))

;; shift and reset are themselves made of call-with-prompt.  Here is the
;; raw continuation behind (reset (+ 1 (shift k ...))):
(show "the context"
      (call-with-prompt (default-prompt-tag)
        (lambda () (+ 1 (abort-to-prompt (default-prompt-tag))))
        (lambda (k) k)))

;; Nondeterminism.  (amb CHOICES) returns *each* choice in turn: it calls
;; K once per choice and appends the lists of results.  (fail) returns no
;; results at all, so that branch simply disappears.  The reset wraps a
;; successful answer in a one-element list.
(define (amb choices) (shift k (apply append (map k choices))))
(define (fail) (shift k '()))
(define-syntax-rule (all-solutions body ...) (reset (list (begin body ...))))

(show "pythagorean triples"
      (all-solutions
       (let* ((a (amb '(1 2 3 4 5 6 7 8 9 10)))
              (b (amb '(1 2 3 4 5 6 7 8 9 10)))
              (c (amb '(1 2 3 4 5 6 7 8 9 10 11 12 13))))
         (if (and (<= a b) (= (+ (* a a) (* b b)) (* c c)))
             (list a b c)
             (fail)))))

;; N queens: choose a column for each row; give up on any attack.  The
;; search reads like a guess, and backtracking is amb calling K again.
(define (safe? col placed)
  "Can a queen go in COL of the next row, given PLACED (latest row first)?"
  (let loop ((others placed) (distance 1))
    (or (null? others)
        (and (not (= col (car others)))
             (not (= distance (abs (- col (car others)))))
             (loop (cdr others) (+ distance 1))))))

(define (queens n)
  (all-solutions
   (let place ((row 0) (placed '()))
     (if (= row n)
         (reverse placed)
         (let ((col (amb (iota n))))
           (if (safe? col placed)
               (place (+ row 1) (cons col placed))
               (fail)))))))

(define (draw columns)
  (for-each (lambda (col)
              (display " ")
              (for-each (lambda (c) (display (if (= c col) " Q" " .")))
                        (iota (length columns)))
              (newline))
            columns))

(show "4 queens" (queens 4))
(define solutions (queens 8))
(show "solutions for 8 queens" (length solutions))
(display "the first one:") (newline)
(draw (car solutions))
