;;; hello.scm --- the smallest schemeth program, and a taste of prompts.

(display "Hello from schemeth!")
(newline)

;; A delimited continuation: the handler receives K, the rest of the
;; computation up to the prompt, and may call it any number of times.
(define tag (make-prompt-tag 'demo))
(define k
  (call-with-prompt tag
    (lambda () (* 2 (+ 1 (abort-to-prompt tag))))
    (lambda (k) k)))
(display (list (k 1) (k 10) (k 100)))
(newline)
