;;; (ice-9 popen) --- ports connected to child processes

;;; Commentary:
;;;
;;; open-pipe*, pipeline and the process bookkeeping are Python
;;; (schemeth/primitives/popen.py); the pipe ports are ordinary fd ports,
;;; so reading and writing them works inside ethreads too.  close-pipe
;;; closes the port (flushing it) and waits for the child, returning the
;;; raw wait status that status:exit-val and status:term-sig take apart.
;;;
;;; Code:

(define-module (ice-9 popen)
  #:export (open-pipe open-input-pipe open-output-pipe open-input-output-pipe close-pipe))

(define (open-pipe command mode)
  "Run COMMAND with /bin/sh -c, connected to the returned port as MODE says."
  (open-pipe* mode "/bin/sh" "-c" command))

(define (open-input-pipe command)
  (open-pipe command OPEN_READ))

(define (open-output-pipe command)
  (open-pipe command OPEN_WRITE))

(define (open-input-output-pipe command)
  (open-pipe command OPEN_BOTH))

(define (close-pipe port)
  (let ((pid (%pipe-pid port)))
    (close-port port)
    (%wait-status pid)))

;;; popen.scm ends here
