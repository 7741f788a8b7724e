;;; (srfi srfi-60) --- integers as bits

;;; Commentary:
;;;
;;; The log- procedures are built in; the SRFI-60 names are defined over
;;; them.  A bit field [START, END) counts from the least significant bit;
;;; integer->list and list->integer put the most significant bit first.
;;;
;;; Code:

(define-module (srfi srfi-60)
  #:re-export (logand logior logxor integer-length logtest logcount logbit? ash)
  #:export (bitwise-and bitwise-ior bitwise-xor bitwise-not any-bits-set?
            bitwise-if bitwise-merge log2-binary-factors first-set-bit
            bit-set? copy-bit bit-count bit-field copy-bit-field arithmetic-shift
            rotate-bit-field reverse-bit-field integer->list list->integer
            booleans->integer))

(define bitwise-and logand)
(define bitwise-ior logior)
(define bitwise-xor logxor)
(define bitwise-not lognot)
(define any-bits-set? logtest)
(define bit-count logcount)
(define arithmetic-shift ash)

(define (bitwise-if mask n0 n1)
  "The bits of N0 where MASK has ones, of N1 where it has zeros."
  (logior (logand mask n0) (logand (lognot mask) n1)))

(define bitwise-merge bitwise-if)

(define (log2-binary-factors n)
  (- (integer-length (logand n (- n))) 1))

(define first-set-bit log2-binary-factors)

(define (bit-set? index n)
  (logbit? index n))

(define (copy-bit index from bit)
  (if bit
      (logior from (ash 1 index))
      (logand from (lognot (ash 1 index)))))

(define (low-mask width)
  (- (ash 1 width) 1))

(define (bit-field n start end)
  (logand (ash n (- start)) (low-mask (- end start))))

(define (copy-bit-field to from start end)
  (let ((mask (ash (low-mask (- end start)) start)))
    (logior (logand to (lognot mask)) (logand (ash from start) mask))))

(define (rotate-bit-field n count start end)
  (let ((width (- end start)))
    (if (<= width 0)
        n
        (let* ((count (modulo count width))
               (field (bit-field n start end))
               (rotated (logand (logior (ash field count) (ash field (- count width)))
                                (low-mask width))))
          (copy-bit-field n rotated start end)))))

(define (reverse-bit-field n start end)
  (let loop ((i 0) (field (bit-field n start end)) (reversed 0))
    (if (= i (- end start))
        (copy-bit-field n reversed start end)
        (loop (+ i 1) (ash field -1) (logior (ash reversed 1) (logand field 1))))))

(define* (integer->list k #:optional (len (integer-length k)))
  (let loop ((i 0) (bits '()))
    (if (= i len)
        bits
        (loop (+ i 1) (cons (logbit? i k) bits)))))

(define (list->integer bools)
  (let loop ((bools bools) (n 0))
    (if (null? bools)
        n
        (loop (cdr bools) (logior (ash n 1) (if (car bools) 1 0))))))

(define (booleans->integer . bools)
  (list->integer bools))

;;; srfi-60.scm ends here
