;;; (ice-9 threads) --- Guile's thread API, over ethreads

;;; Commentary:
;;;
;;; schemeth has no preemptive threads: a thread made here is an ethread
;;; of the current econtext, so it runs when another one blocks, sleeps,
;;; yields, waits on a mutex or condition variable, or is joined.  Code
;;; written for Guile's threads works as long as each thread eventually
;;; does one of those (a thread spinning in a loop without I/O keeps the
;;; others waiting, as a thread of a cooperative system does).  `sleep'
;;; and `usleep' are replaced so that they pause only the calling thread.
;;; Joining, locking and waiting from the main program -- outside any
;;; ethread -- runs the econtext until what is waited for has happened.
;;;
;;; Code:

(define-module (ice-9 threads)
  #:use-module (srfi srfi-9)
  #:use-module ((srfi srfi-9 gnu) #:select (set-record-type-printer!))
  #:use-module (ice-9 ethreads)
  #:export (call-with-new-thread make-thread begin-thread join-thread current-thread thread?
            thread-exited? yield cancel-thread
            make-mutex make-recursive-mutex mutex? lock-mutex try-mutex unlock-mutex
            mutex-locked? mutex-owner mutex-level with-mutex
            make-condition-variable condition-variable? wait-condition-variable
            signal-condition-variable broadcast-condition-variable
            par-map par-for-each n-par-map n-par-for-each
            total-processor-count current-processor-count)
  ;; a thread that sleeps lets the others run, as it would with preemptive threads
  #:replace (sleep usleep))

;;; Threads

(define-record-type <thread>
  (%make-thread ethread results exited? joiners)
  thread?
  (ethread thread-ethread set-thread-ethread!)
  ;; the list of values the thunk returned, or #f
  (results thread-results set-thread-results!)
  (exited? thread-exited? set-thread-exited?!)
  (joiners thread-joiners set-thread-joiners!))

(set-record-type-printer! <thread>
  (lambda (thread port)
    (format port "#<thread ~a~a>" (if (thread-ethread thread) (ethread-name (thread-ethread thread)) "main")
            (if (thread-exited? thread) " (exited)" ""))))

;; The program itself, outside any ethread.
(define main-thread (%make-thread #f #f #f '()))

;; ethread -> its <thread>
(define threads (make-weak-key-hash-table))

(define (current-thread)
  "The thread running now."
  (let ((e (current-ethread)))
    (or (and e (hashq-ref threads e)) main-thread)))

(define (run-until done?)
  "Outside ethreads: run the current econtext's threads until (DONE?) or nothing can run."
  (unless (done?)
    ((@@ (ice-9 ethreads) run-loop) (ensure-current-econtext) done?)))

(define (block-until done? enlist!)
  "Wait until (DONE?): in an ethread, call (ENLIST! thread) so a waker can resume it, and suspend;
in the main program, run the other threads."
  (let loop ()
    (unless (done?)
      (if (current-ethread)
          (begin (enlist! (current-ethread)) (suspend) (loop))
          (run-until done?)))))

(define (wake-all! ethreads)
  (for-each (lambda (e) (when (eq? (ethread-state e) 'suspended) (resume e (lambda () #t)))) ethreads))

(define (finish! thread results)
  (set-thread-results! thread results)
  (set-thread-exited?! thread #t)
  (let ((joiners (thread-joiners thread)))
    (set-thread-joiners! thread '())
    (wake-all! joiners)))

(define* (call-with-new-thread thunk #:optional handler)
  "A new thread calling THUNK (errors go to HANDLER, a catch handler, when given)."
  (let ((thread (%make-thread #f #f #f '())))
    (set-thread-ethread!
     thread
     (spawn (lambda ()
              (dynamic-wind
                (lambda () #t)
                (lambda ()
                  (finish! thread
                           (call-with-values
                               (lambda () (if handler (catch #t thunk handler) (thunk)))
                             list)))
                (lambda () (unless (thread-exited? thread) (finish! thread #f)))))))
    (hashq-set! threads (thread-ethread thread) thread)
    thread))

(define (make-thread proc . args)
  "A new thread applying PROC to ARGS."
  (call-with-new-thread (lambda () (apply proc args))))

(define-syntax-rule (begin-thread e e* ...)
  (call-with-new-thread (lambda () e e* ...)))

(define* (join-thread thread #:optional timeout (timeoutval #f))
  "Wait for THREAD to end; its value (#f if it failed), or TIMEOUTVAL after TIMEOUT seconds."
  (let* ((timed-out #f)
         (timer (and timeout (spawn (lambda () (sleep (timeout-seconds timeout)) (set! timed-out #t)
                                      (wake-all! (thread-joiners thread)))))))
    (block-until (lambda () (or (thread-exited? thread) timed-out))
                 (lambda (e) (set-thread-joiners! thread (cons e (thread-joiners thread)))))
    (when (and timer (not timed-out)) (kill-ethread timer))
    (cond ((thread-exited? thread) (let ((r (thread-results thread))) (and (pair? r) (car r))))
          (else timeoutval))))

(define (timeout-seconds timeout)
  "TIMEOUT as seconds from now: a number of seconds, or an absolute (seconds . microseconds) time."
  (if (pair? timeout)
      (max 0 (- (+ (car timeout) (/ (cdr timeout) 1e6))
                (let ((now (gettimeofday))) (+ (car now) (/ (cdr now) 1e6)))))
      timeout))

(define (sleep seconds)
  "Pause the calling thread for SECONDS (the others go on); 0, as Guile's sleep returns."
  (if (current-ethread)
      ((@ (ice-9 ethreads) sleep) seconds)
      ((@ (guile) sleep) seconds))
  0)

(define (usleep microseconds)
  "Pause the calling thread for MICROSECONDS."
  (if (current-ethread)
      ((@ (ice-9 ethreads) sleep) (/ microseconds 1e6))
      ((@ (guile) usleep) microseconds))
  0)

(define (yield)
  "Let the other threads run."
  (if (current-ethread) (sleep 0) #t))

(define (cancel-thread thread)
  "End THREAD (its dynamic-wind handlers run)."
  (kill-ethread (thread-ethread thread)))

;;; Mutexes

(define-record-type <mutex>
  (%make-mutex recursive? owner level waiters)
  mutex?
  (recursive? mutex-recursive?)
  (owner mutex-owner set-mutex-owner!)
  (level mutex-level set-mutex-level!)
  (waiters mutex-waiters set-mutex-waiters!))

(define (make-mutex . flags)
  "A new mutex (recursive when FLAGS include 'recursive)."
  (%make-mutex (and (memq 'recursive flags) #t) #f 0 '()))

(define (make-recursive-mutex)
  (make-mutex 'recursive))

(define (mutex-locked? mutex)
  (positive? (mutex-level mutex)))

(define (try-mutex mutex)
  "Lock MUTEX if that needs no waiting; whether it did."
  (let ((me (current-thread)))
    (cond ((not (mutex-locked? mutex))
           (set-mutex-owner! mutex me)
           (set-mutex-level! mutex 1)
           #t)
          ((and (eq? (mutex-owner mutex) me) (mutex-recursive? mutex))
           (set-mutex-level! mutex (+ 1 (mutex-level mutex)))
           #t)
          ((eq? (mutex-owner mutex) me)
           (scm-error 'misc-error "lock-mutex" "mutex already locked by thread" '() #f))
          (else #f))))

(define* (lock-mutex mutex #:optional timeout)
  "Lock MUTEX, waiting while another thread holds it."
  (block-until (lambda () (try-mutex mutex))
               (lambda (e) (set-mutex-waiters! mutex (append (mutex-waiters mutex) (list e)))))
  #t)

(define (unlock-mutex mutex . ignored)
  "Release MUTEX (once, for a recursive mutex locked several times)."
  (unless (and (mutex-locked? mutex) (eq? (mutex-owner mutex) (current-thread)))
    (scm-error 'misc-error "unlock-mutex" "mutex not locked by current thread" '() #f))
  (set-mutex-level! mutex (- (mutex-level mutex) 1))
  (when (zero? (mutex-level mutex))
    (set-mutex-owner! mutex #f)
    (let ((waiters (mutex-waiters mutex)))
      (set-mutex-waiters! mutex '())
      (wake-all! waiters)))
  #t)

(define-syntax-rule (with-mutex mutex body body* ...)
  (let ((m mutex))
    (dynamic-wind
      (lambda () (lock-mutex m))
      (lambda () body body* ...)
      (lambda () (unlock-mutex m)))))

;;; Condition variables

(define-record-type <condition-variable>
  (%make-condition-variable waiters)
  condition-variable?
  (waiters condition-variable-waiters set-condition-variable-waiters!))

(define (make-condition-variable)
  (%make-condition-variable '()))

(define* (wait-condition-variable cv mutex #:optional timeout)
  "Release MUTEX, wait until CV is signalled (or TIMEOUT passes: then #f), and lock MUTEX again."
  (let* ((signalled #f)
         (waiter (cons #f (lambda () (set! signalled #t))))
         (timed-out #f)
         (timer (and timeout (spawn (lambda () (sleep (timeout-seconds timeout)) (set! timed-out #t)
                                      (when (car waiter) (wake-all! (list (car waiter)))))))))
    (set-condition-variable-waiters! cv (append (condition-variable-waiters cv) (list waiter)))
    (unlock-mutex mutex)
    (block-until (lambda () (or signalled timed-out))
                 (lambda (e) (set-car! waiter e)))
    (when (and timer (not timed-out)) (kill-ethread timer))
    (set-condition-variable-waiters! cv (delq waiter (condition-variable-waiters cv)))
    (lock-mutex mutex)
    signalled))

(define (signal! waiter)
  ((cdr waiter))
  (when (car waiter) (wake-all! (list (car waiter)))))

(define (signal-condition-variable cv)
  "Wake one thread waiting on CV."
  (let ((waiters (condition-variable-waiters cv)))
    (when (pair? waiters)
      (set-condition-variable-waiters! cv (cdr waiters))
      (signal! (car waiters))))
  #t)

(define (broadcast-condition-variable cv)
  "Wake every thread waiting on CV."
  (let ((waiters (condition-variable-waiters cv)))
    (set-condition-variable-waiters! cv '())
    (for-each signal! waiters))
  #t)

;;; Parallel mapping

(define (par-map proc lst . lsts)
  "(map PROC LST ...), each application in its own thread."
  (map join-thread (apply map (lambda args (call-with-new-thread (lambda () (apply proc args))))
                          lst lsts)))

(define (par-for-each proc lst . lsts)
  "(for-each PROC LST ...), each application in its own thread."
  (apply par-map proc lst lsts)
  (if #f #f))

(define (n-par-map n proc lst . lsts)
  "par-map (N, the number of threads to use at once, does not matter to cooperative threads)."
  (apply par-map proc lst lsts))

(define (n-par-for-each n proc lst . lsts)
  (apply par-for-each proc lst lsts))

(define (total-processor-count)
  "The number of processors of the machine."
  (%processor-count #f))

(define (current-processor-count)
  "The number of processors this process may run on."
  (%processor-count #t))

;;; threads.scm ends here
