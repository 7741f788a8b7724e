;;; (ice-9 popen) pipes, pipeline, system and system*.
;;; (Children never write to our stdout: its buffering order is not part of the test.)

(use-modules (ice-9 popen) (ice-9 rdelim))

(define-syntax-rule (t e) (begin (write (catch #t (lambda () e) (lambda a a))) (newline)))

(t (list OPEN_READ OPEN_WRITE OPEN_BOTH))

;;; Input pipes
(define p (open-input-pipe "echo hello; echo world"))
(t (read-line p))
(t (read-line p))
(t (read-line p))
(t (close-pipe p))
(define p2 (open-pipe* OPEN_READ "sh" "-c" "echo $0 $1; exit 3" "a" "b"))
(t (read-line p2))
(t (status:exit-val (close-pipe p2)))
(t (let ((p (open-input-pipe "printf 'a\\nb'")))
     (let loop ((acc '()))
       (let ((l (read-line p)))
         (if (eof-object? l)
             (begin (close-pipe p) (reverse acc))
             (loop (cons l acc)))))))
(t (let ((p (open-pipe "seq 1 2000" OPEN_READ)))
     (let ((lines (let loop ((n 0)) (if (eof-object? (read-line p)) n (loop (+ n 1))))))
       (list lines (close-pipe p)))))
(t (let ((p (open-input-pipe "printf 'héllo'"))) (list (read-char p) (read-char p) (read-string p) (close-pipe p))))

;;; Output and bidirectional pipes
(define file (string-append "/tmp/schemeth-popen-test-" (number->string (getpid))))
(define p3 (open-output-pipe (string-append "tr a-z A-Z > " file)))
(display "shout\n" p3)
(display "louder\n" p3)
(t (close-pipe p3))
(t (call-with-input-file file read-string))
(system* "rm" "-f" file)
(define p4 (open-pipe "cat" OPEN_BOTH))
(display "round trip\n" p4)
(force-output p4)
(t (read-line p4))
(t (close-pipe p4))
(define p5 (open-input-output-pipe "read x; echo got $x"))
(display "it\n" p5)
(force-output p5)
(t (read-line p5))
(t (close-pipe p5))
(t (map (lambda (p) (list (input-port? p) (output-port? p)))
        (list (open-input-pipe "true") (open-output-pipe "true") (open-pipe "true" OPEN_BOTH))))

;;; Exit statuses
(t (let ((p (open-pipe* OPEN_READ "/nonexistent/prog"))) (list (read-line p) (close-pipe p))))
(t (let ((p (open-input-pipe "exit 5"))) (list (read-char p) (status:exit-val (close-pipe p)))))
(t (let ((p (open-input-pipe "kill -9 $$"))) (status:term-sig (close-pipe p))))

;;; Errors
(t (close-pipe (open-input-string "x")))
(t (open-pipe 'x OPEN_READ))
(t (open-pipe* OPEN_READ 'x))

;;; pipeline
(call-with-values
    (lambda () (pipeline '(("echo" "a b c") ("tr" "a-z" "A-Z") ("rev"))))
  (lambda (from to pids)
    (close-port to)
    (t (read-line from))
    (close-port from)
    (t (map (lambda (pid) (status:exit-val (cdr (waitpid pid)))) pids))))
(call-with-values
    (lambda () (pipeline '(("sort") ("uniq" "-c"))))
  (lambda (from to pids)
    (display "b\na\nb\n" to)
    (close-port to)
    (t (map string-trim (list (read-line from) (read-line from))))
    (close-port from)
    (t (length pids))
    (for-each waitpid pids)))

;;; system, system*
(t (system))
(t (system "exit 3"))
(t (status:exit-val (system "true")))
(t (status:exit-val (system* "sh" "-c" "exit $0" "7")))
(t (status:exit-val (system* "/nonexistent/prog")))
