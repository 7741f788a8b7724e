;;; (ice-9 ethreads) --- cooperative threads that suspend instead of blocking

;;; Commentary:
;;;
;;; An ethread is a thunk run under its econtext's prompt.  When it would
;;; block -- sleeping, or reading from or writing to a descriptor that is
;;; not ready -- it suspends: the continuation up to the prompt is saved in
;;; the thread, and the scheduler (`run') picks the next runnable thread.
;;; When nothing is runnable, `run' waits in epoll until a descriptor is
;;; ready or the earliest sleeper is due.  `run' returns when no thread can
;;; ever run again.
;;;
;;; A suspension is a switch, not an exit: dynamic-wind handlers inside a
;;; thread do not run when it suspends or resumes, only when it ends or is
;;; killed.  Any port reading or writing a non-blocking descriptor inside an
;;; ethread suspends the thread through the read and write waiters that
;;; `run' installs.
;;;
;;; Code:

(define-module (ice-9 ethreads)
  #:use-module (srfi srfi-9)
  #:use-module (ice-9 epoll)
  #:use-module ((ice-9 epoll internal) #:select (%epoll-wait))
  #:use-module (ice-9 suspendable-ports)
  #:use-module ((ice-9 ports internal) #:select (port-read-wait-fd port-write-wait-fd))
  #:export (make-econtext econtext? current-econtext ensure-current-econtext destroy-econtext
            create-ethread ethread? current-ethread kill-ethread ethread-state ethread-name
            run spawn suspend resume wait-readable wait-writable)
  #:replace (sleep))

;;; Queues and heaps

(define-record-type <queue>
  (make-queue front back)
  queue?
  (front queue-front set-queue-front!)
  (back queue-back set-queue-back!))

(define (new-queue) (make-queue '() '()))

(define (enqueue! q x)
  (set-queue-back! q (cons x (queue-back q))))

(define (queue-empty? q)
  (and (null? (queue-front q)) (null? (queue-back q))))

(define (dequeue! q)
  "The oldest element of Q, which must not be empty."
  (when (null? (queue-front q))
    (set-queue-front! q (reverse! (queue-back q)))
    (set-queue-back! q '()))
  (let ((x (car (queue-front q))))
    (set-queue-front! q (cdr (queue-front q)))
    x))

;; A binary min-heap of (time . thread) pairs in a growable vector.
(define-record-type <heap>
  (make-heap items size)
  heap?
  (items heap-items set-heap-items!)
  (size heap-size set-heap-size!))

(define (new-heap) (make-heap (make-vector 16 #f) 0))

(define (heap-empty? h) (zero? (heap-size h)))

(define (heap-min h) (vector-ref (heap-items h) 0))

(define (heap-swap! v i j)
  (let ((x (vector-ref v i)))
    (vector-set! v i (vector-ref v j))
    (vector-set! v j x)))

(define (heap-insert! h entry)
  (when (= (heap-size h) (vector-length (heap-items h)))
    (let ((bigger (make-vector (* 2 (heap-size h)) #f)))
      (vector-copy! bigger 0 (heap-items h))
      (set-heap-items! h bigger)))
  (let ((v (heap-items h)))
    (vector-set! v (heap-size h) entry)
    (let up ((i (heap-size h)))
      (let ((parent (quotient (- i 1) 2)))
        (when (and (> i 0) (< (car (vector-ref v i)) (car (vector-ref v parent))))
          (heap-swap! v i parent)
          (up parent))))
    (set-heap-size! h (+ 1 (heap-size h)))))

(define (heap-pop! h)
  "Remove and return the smallest entry of H."
  (let* ((v (heap-items h))
         (top (vector-ref v 0))
         (n (- (heap-size h) 1)))
    (vector-set! v 0 (vector-ref v n))
    (vector-set! v n #f)
    (set-heap-size! h n)
    (let down ((i 0))
      (let* ((l (+ 1 (* 2 i)))
             (r (+ 2 (* 2 i)))
             (smallest (if (and (< l n) (< (car (vector-ref v l)) (car (vector-ref v i)))) l i))
             (smallest (if (and (< r n) (< (car (vector-ref v r)) (car (vector-ref v smallest))))
                           r smallest)))
        (unless (= smallest i)
          (heap-swap! v i smallest)
          (down smallest))))
    top))

;;; Econtexts and ethreads

(define-record-type <econtext>
  (%make-econtext epfd prompt-tag runqueue sleepers waiters armed nwaiting)
  econtext?
  (epfd econtext-epfd set-econtext-epfd!)
  (prompt-tag econtext-prompt-tag)
  (runqueue econtext-runqueue)
  (sleepers econtext-sleepers)
  ;; fd -> list of (thread . events); a vector indexed by descriptor
  (waiters econtext-waiters set-econtext-waiters!)
  ;; fd -> events the epoll set is armed for (0 when disarmed or absent)
  (armed econtext-armed set-econtext-armed!)
  (nwaiting econtext-nwaiting set-econtext-nwaiting!))

(define-record-type <ethread>
  (%make-ethread econtext state next name)
  ethread?
  (econtext ethread-econtext)
  (state ethread-state set-ethread-state!)
  ;; what runs when the thread is next scheduled: a thunk
  (next ethread-next set-ethread-next!)
  (name ethread-name))

(define current-econtext (make-parameter #f))
(define current-ethread (make-parameter #f))

(define* (make-econtext #:key (epfd (epoll-create)))
  "A new scheduling context with its own epoll set and run queue."
  (%make-econtext epfd (make-prompt-tag 'ethreads) (new-queue) (new-heap)
                  (make-vector 64 '()) (make-vector 64 0) 0))

(define (ensure-current-econtext)
  "The current econtext, creating and installing one if there is none."
  (or (current-econtext)
      (let ((ctx (make-econtext)))
        (current-econtext ctx)
        ctx)))

(define (destroy-econtext ctx)
  "Release CTX's epoll set."
  (epoll-destroy (econtext-epfd ctx)))

(define thread-counter 0)

(define* (create-ethread ctx thunk #:optional name)
  "A runnable (not yet started) thread of CTX running THUNK."
  (set! thread-counter (+ thread-counter 1))
  (let ((thread (%make-ethread ctx 'runnable #f (or name thread-counter))))
    (set-ethread-next! thread (lambda () (thread-main ctx thread thunk)))
    (enqueue! (econtext-runqueue ctx) thread)
    thread))

(define (thread-main ctx thread thunk)
  "The bottom of every thread: report an uncaught error and end just that thread.  It is entered
once; later runs resume continuations that already contain it."
  (with-exception-handler
   (lambda (e)
     (%report-error e (current-error-port))
     (abort-to-prompt (econtext-prompt-tag ctx) 'died))
   thunk)
  (set-ethread-state! thread 'finished))

(define* (spawn thunk #:optional (ctx (ensure-current-econtext)))
  "Create a runnable thread running THUNK in CTX (by default the current econtext)."
  (create-ethread ctx thunk))

;;; Suspending and resuming

(define* (suspend #:optional after)
  "Suspend the current thread; AFTER, if given, is called with the econtext and thread once the
thread is saved.  Returns the values of the thunk passed to `resume'."
  (let ((ctx (current-econtext)))
    (unless (and ctx (current-ethread))
      (error "suspend called outside of an ethread"))
    ((%suspend-to-prompt (econtext-prompt-tag ctx) after))))

(define* (resume thread thunk #:optional (ctx (ethread-econtext thread)))
  "Make a suspended THREAD runnable; its `suspend' will return the values of THUNK."
  (when (eq? (ethread-state thread) 'suspended)
    (let ((k (ethread-next thread)))
      (set-ethread-next! thread (lambda () (k thunk)))
      (set-ethread-state! thread 'runnable)
      (enqueue! (econtext-runqueue ctx) thread))))

(define (kill-ethread thread)
  "End THREAD: if it is suspended, unwind it so that its dynamic-wind handlers run."
  (case (ethread-state thread)
    ((suspended)
     (resume thread (lambda () (abort-to-prompt (econtext-prompt-tag (ethread-econtext thread))
                                                'killed))))
    ((runnable)
     (if (procedure? (ethread-next thread))
         (set-ethread-next! thread (lambda () 'killed)))))
  (values))

(define (run-thread ctx thread)
  "Run THREAD until it ends or suspends."
  (let ((thunk (ethread-next thread)))
    (%trace-event 'ethread-switch thread)
    (set-ethread-state! thread 'running)
    (set-ethread-next! thread #f)
    (parameterize ((current-ethread thread))
      (call-with-prompt (econtext-prompt-tag ctx)
        thunk
        (lambda (k after)
          (cond ((procedure? after)
                 (set-ethread-state! thread 'suspended)
                 (set-ethread-next! thread k)
                 (after ctx thread))
                ((not after)
                 (set-ethread-state! thread 'suspended)
                 (set-ethread-next! thread k))
                (else (set-ethread-state! thread 'finished))))))))

;;; Sleeping

(define (sleep seconds)
  "Suspend the current thread for SECONDS (fractions allowed); outside ethreads, block."
  (if (current-ethread)
      (begin
        (suspend (lambda (ctx thread)
                   (heap-insert! (econtext-sleepers ctx)
                                 (cons (+ (%monotonic-seconds) seconds) thread))))
        0)
      ((@ (guile) sleep) seconds)))

(define (wake-sleepers! ctx now)
  "Make runnable every sleeper whose time has come."
  (let ((heap (econtext-sleepers ctx)))
    (let lp ()
      (when (and (not (heap-empty? heap)) (<= (car (heap-min heap)) now))
        (resume (cdr (heap-pop! heap)) (lambda () 0) ctx)
        (lp)))))

;;; Waiting for descriptors

(define (ensure-fd-slot! ctx fd)
  (let ((n (vector-length (econtext-waiters ctx))))
    (when (>= fd n)
      (let ((size (max (+ fd 1) (* 2 n)))
            (waiters (econtext-waiters ctx))
            (armed (econtext-armed ctx)))
        (set-econtext-waiters! ctx (make-vector size '()))
        (set-econtext-armed! ctx (make-vector size 0))
        (vector-copy! (econtext-waiters ctx) 0 waiters)
        (vector-copy! (econtext-armed ctx) 0 armed)))))

(define (make-waiter thread events) (list thread events (%close-sequence)))
(define waiter-thread car)
(define waiter-events cadr)
(define waiter-since caddr)

(define (events-wanted waiters)
  (let lp ((ws waiters) (events 0))
    (if (null? ws) events (lp (cdr ws) (logior events (waiter-events (car ws)))))))

(define (epoll-set! ctx fd events first)
  "Arm FD in CTX's epoll set, trying FIRST (add or modify) and falling back to the other: the
kernel drops a descriptor from the set when it is closed, and the number may be reused."
  (let ((ep (econtext-epfd ctx))
        (events (logior events EPOLLONESHOT)))
    (catch 'system-error
      (lambda () (first ep fd events))
      (lambda args
        ((if (eq? first epoll-add!) epoll-modify! epoll-add!) ep fd events)))))

(define (arm! ctx fd)
  "Point the epoll set at what FD's waiters want (one-shot)."
  (let ((wanted (events-wanted (vector-ref (econtext-waiters ctx) fd)))
        (armed (vector-ref (econtext-armed ctx) fd)))
    (unless (zero? wanted)
      (epoll-set! ctx fd wanted (if (zero? armed) epoll-add! epoll-modify!)))
    (vector-set! (econtext-armed ctx) fd wanted)))

(define (wait-fd fd events)
  "Suspend the current thread until FD has EVENTS."
  (suspend
   (lambda (ctx thread)
     (ensure-fd-slot! ctx fd)
     (vector-set! (econtext-waiters ctx) fd
                  (cons (make-waiter thread events) (vector-ref (econtext-waiters ctx) fd)))
     (set-econtext-nwaiting! ctx (+ 1 (econtext-nwaiting ctx)))
     (arm! ctx fd))))

(define (wait-readable port-or-fd)
  "Suspend until PORT-OR-FD can be read."
  (wait-fd (if (integer? port-or-fd) port-or-fd (port-read-wait-fd port-or-fd))
           (logior EPOLLIN EPOLLRDHUP)))

(define (wait-writable port-or-fd)
  "Suspend until PORT-OR-FD can be written."
  (wait-fd (if (integer? port-or-fd) port-or-fd (port-write-wait-fd port-or-fd)) EPOLLOUT))

(define (wake-fd! ctx fd revents)
  "Resume the waiters of FD that REVENTS satisfies (all of them on error or hangup)."
  (when (< fd (vector-length (econtext-waiters ctx)))
    (vector-set! (econtext-armed ctx) fd 0)
    (let lp ((ws (vector-ref (econtext-waiters ctx) fd)) (keep '()))
      (cond ((null? ws)
             (vector-set! (econtext-waiters ctx) fd keep)
             (arm! ctx fd))
            ((or (not (zero? (logand revents (waiter-events (car ws)))))
                 (not (zero? (logand revents (logior EPOLLERR EPOLLHUP)))))
             (set-econtext-nwaiting! ctx (- (econtext-nwaiting ctx) 1))
             (resume (waiter-thread (car ws)) (lambda () #t) ctx)
             (lp (cdr ws) keep))
            (else (lp (cdr ws) (cons (car ws) keep)))))))

(define (closed-error)
  (scm-error 'system-error "wait-fd" "~A" (list "descriptor closed while waiting") (list 9)))

(define (fail-closed-fds! ctx)
  "Wake, with an error instead of a hang, the threads that were waiting on a descriptor when it
was closed (not those that wait on a new descriptor with the same number)."
  (for-each
   (lambda (closed)
     (let ((fd (car closed)) (when-closed (cdr closed)))
       (when (< fd (vector-length (econtext-waiters ctx)))
         (let lp ((ws (vector-ref (econtext-waiters ctx) fd)) (keep '()))
           (cond ((null? ws)
                  (vector-set! (econtext-waiters ctx) fd keep)
                  (vector-set! (econtext-armed ctx) fd 0)
                  (arm! ctx fd))
                 ((< (waiter-since (car ws)) when-closed)
                  (set-econtext-nwaiting! ctx (- (econtext-nwaiting ctx) 1))
                  (resume (waiter-thread (car ws)) closed-error ctx)
                  (lp (cdr ws) keep))
                 (else (lp (cdr ws) (cons (car ws) keep))))))))
   (%take-closed-fds)))

;;; The scheduler

(define (seconds-to-next-sleeper ctx)
  "Seconds until the earliest sleeper is due, or #f when nobody sleeps."
  (let ((heap (econtext-sleepers ctx)))
    (and (not (heap-empty? heap))
         (max 0 (- (car (heap-min heap)) (%monotonic-seconds))))))

(define (poll! ctx)
  "Wait for descriptors or the next timer, and make the threads they concern runnable."
  (fail-closed-fds! ctx)
  (let ((delay (seconds-to-next-sleeper ctx)))
    (if (zero? (econtext-nwaiting ctx))
        (when delay (%sleep-seconds delay))
        (for-each (lambda (event) (wake-fd! ctx (car event) (cdr event)))
                  (%epoll-wait (econtext-epfd ctx) 64
                               (if delay (inexact->exact (ceiling (* 1000 delay))) -1)))))
  (wake-sleepers! ctx (%monotonic-seconds)))

(define (can-make-progress? ctx)
  (or (not (heap-empty? (econtext-sleepers ctx)))
      (positive? (econtext-nwaiting ctx))))

(define* (run #:optional (ctx (ensure-current-econtext)))
  "Run the threads of CTX until none can ever run again."
  (parameterize ((current-econtext ctx)
                 (current-read-waiter wait-readable)
                 (current-write-waiter wait-writable))
    (let loop ()
      (cond ((not (queue-empty? (econtext-runqueue ctx)))
             (let ((thread (dequeue! (econtext-runqueue ctx))))
               (when (eq? (ethread-state thread) 'runnable)
                 (run-thread ctx thread)))
             (loop))
            ((can-make-progress? ctx)
             (poll! ctx)
             (loop))
            (else (values))))))

;;; ethreads.scm ends here
