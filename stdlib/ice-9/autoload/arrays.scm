;;; arrays.scm --- the array procedures that take a procedure, loaded on first use
;;; provides: array-for-each array-map! array-map-in-order! array-index-map!

;;; Commentary:
;;;
;;; They walk the index lists of `%array-indices' (row-major order) and use
;;; array-ref / array-set!, so the procedure they call may capture
;;; continuations like any other Scheme code.
;;;
;;; Code:

(define (array-for-each proc array . arrays)
  "Call PROC on the elements of ARRAY (and ARRAYS) at each index, in row-major order."
  (for-each (lambda (index)
              (apply proc (map (lambda (a) (apply array-ref a index)) (cons array arrays))))
            (%array-indices array)))

(define (array-map! dest proc . sources)
  "Store in each element of DEST PROC applied to the elements of SOURCES at the same index."
  (for-each (lambda (index)
              (apply array-set! dest (apply proc (map (lambda (a) (apply array-ref a index)) sources))
                     index))
            (%array-indices dest)))

(define array-map-in-order! array-map!)

(define (array-index-map! array proc)
  "Store in each element of ARRAY PROC applied to its indices."
  (for-each (lambda (index) (apply array-set! array (apply proc index) index))
            (%array-indices array)))

;;; arrays.scm ends here
