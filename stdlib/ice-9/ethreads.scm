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
;;; The scheduler works in rounds: it runs every thread that was runnable
;;; when the round began, then polls epoll (without waiting unless nothing
;;; is runnable, and then to the microsecond of the earliest sleeper).
;;; A round starts with the sleepers whose time has come, earliest first,
;;; and has at most 32 other threads, so that a crowd of runnable threads
;;; does not make sleepers late.  (sleep 0) puts the thread at the end of
;;; the queue without touching the timers.  Signals whose handler is a
;;; Scheme procedure (installed with `sigaction') interrupt the wait;
;;; between rounds each due handler runs as a new thread, first in the
;;; round, so it may suspend like any other.
;;;
;;; Code:

(define-module (ice-9 ethreads)
  #:use-module (srfi srfi-9)
  #:use-module ((srfi srfi-9 gnu) #:select (set-record-type-printer!))
  #:use-module (ice-9 epoll)
  #:use-module ((ice-9 epoll internal) #:select (%epoll-wait))
  #:use-module (ice-9 ethreads internal)
  #:use-module (ice-9 suspendable-ports)
  #:use-module ((ice-9 ports internal) #:select (port-read-wait-fd port-write-wait-fd))
  #:export (make-econtext econtext? current-econtext ensure-current-econtext destroy-econtext
            create-ethread ethread? current-ethread kill-ethread ethread-state ethread-name
            run run-until-readable spawn suspend resume wait-readable wait-writable)
  #:replace (sleep))

;;; Econtexts and ethreads

(define-record-type <econtext>
  (%make-econtext epfd round next-round backlog backlog-end backlog-length
                  sleepers waiters armed nwaiting)
  econtext?
  (epfd econtext-epfd set-econtext-epfd!)
  ;; The run queue: the threads left in this round, in order; the threads made runnable since it
  ;; began, newest first; and, oldest first, those that did not fit in a round (at most
  ;; `round-size' threads besides the sleepers due), with the last pair and the length of that
  ;; list.  Descriptors and timers are polled between rounds.
  (round econtext-round set-econtext-round!)
  (next-round econtext-next-round set-econtext-next-round!)
  (backlog econtext-backlog set-econtext-backlog!)
  (backlog-end econtext-backlog-end set-econtext-backlog-end!)
  (backlog-length econtext-backlog-length set-econtext-backlog-length!)
  ;; the sleeping threads, in a heap of (ice-9 ethreads internal)
  (sleepers econtext-sleepers)
  ;; fd -> list of (thread . events); a vector indexed by descriptor
  (waiters econtext-waiters set-econtext-waiters!)
  ;; fd -> events the epoll set is armed for: 0 when registered but disarmed (a one-shot event
  ;; fired), #f when absent from the set
  (armed econtext-armed set-econtext-armed!)
  (nwaiting econtext-nwaiting set-econtext-nwaiting!))

(define-record-type <ethread>
  (%make-ethread econtext state k thunk name blocked-on)
  ethread?
  (econtext ethread-econtext)
  ;; runnable, suspended or finished: a thread reads as running while it runs, without a store
  ;; on every switch (see `ethread-state')
  (state %ethread-state set-ethread-state!)
  ;; the continuation of a started thread, up to its prompt; #f before it starts and once it ends
  (k ethread-k set-ethread-k!)
  ;; what the thread runs next: its body before it starts, then the thunk whose values its
  ;; `suspend' returns
  (thunk ethread-thunk set-ethread-thunk!)
  (name ethread-name)
  ;; the descriptor a suspended thread waits for, or #f (a sleeper is known by its timer)
  (blocked-on ethread-blocked-on set-ethread-blocked-on!))

(define current-econtext (make-parameter #f))

;; Threads of every econtext run under a prompt with this tag; a thread suspends to the innermost,
;; which belongs to the `run' that resumed it.
(define thread-tag (make-prompt-tag 'ethreads))

;; The thread running now, #f in the scheduler and outside ethreads: `run' sets it around each
;; thread it runs, which costs less on every switch than binding a parameter.
(define running #f)

(define (current-ethread)
  "The ethread running now, or #f outside ethreads."
  running)

(define (ethread-state thread)
  "THREAD's state: runnable, running, suspended or finished."
  (let ((state (%ethread-state thread)))
    (if (and (eq? thread running) (eq? state 'runnable)) 'running state)))

(define* (make-econtext #:key (epfd (epoll-create)))
  "A new scheduling context with its own epoll set and run queue."
  (%make-econtext epfd '() '() '() '() 0 (%make-timers)
                  (make-vector 64 '()) (make-vector 64 #f) 0))

(define (ensure-current-econtext)
  "The current econtext, creating and installing one if there is none."
  (or (current-econtext)
      (let ((ctx (make-econtext)))
        (current-econtext ctx)
        ctx)))

(define (destroy-econtext ctx)
  "Release CTX's epoll set."
  (epoll-destroy (econtext-epfd ctx)))

(define-syntax-rule (enqueue! ctx thread)
  (set-econtext-next-round! ctx (cons thread (econtext-next-round ctx))))

(define thread-counter 0)

(define (make-thread ctx thunk name)
  "A runnable thread of CTX running THUNK, not yet in the run queue."
  (set! thread-counter (+ thread-counter 1))
  (let ((thread (%make-ethread ctx 'runnable #f #f (or name thread-counter) #f)))
    (set-ethread-thunk! thread (lambda () (thread-main thread thunk)))
    thread))

(define* (create-ethread ctx thunk #:optional name)
  "A runnable (not yet started) thread of CTX running THUNK."
  (let ((thread (make-thread ctx thunk name)))
    (enqueue! ctx thread)
    thread))

(define (thread-main thread thunk)
  "The bottom of every thread: report an uncaught error and end just that thread.  It is entered
once; later runs resume continuations that already contain it."
  (with-exception-handler
   (lambda (e)
     (when (and (exception? e) (eq? (exception-kind e) 'quit))
       (raise-exception e))             ; (exit) in a thread ends the program
     (%report-error e (current-error-port))
     (abort-to-prompt thread-tag 'died))
   thunk)
  (abort-to-prompt thread-tag 'finished))

(define* (spawn thunk #:optional (ctx (ensure-current-econtext)))
  "Create a runnable thread running THUNK in CTX (by default the current econtext)."
  (create-ethread ctx thunk))

(set-record-type-printer! <ethread>
  (lambda (thread port)
    (format port "#<ethread ~a ~a>" (ethread-name thread) (ethread-state thread))))

(set-record-type-printer! <econtext>
  (lambda (ctx port) (display "#<econtext>" port)))

;;; Suspending and resuming

(define (suspend-with after)
  "Suspend the current thread, calling AFTER (a procedure or #f) once it is saved."
  (unless running
    (error "suspend called outside of an ethread"))
  (%suspend-to-prompt thread-tag after))

(define* (suspend #:optional after)
  "Suspend the current thread; AFTER, if given, is called with the econtext and thread once the
thread is saved.  Returns the values of the thunk passed to `resume'."
  (suspend-with after))

(define (wake! ctx thread thunk)
  "Make THREAD, if suspended, runnable in CTX: its `suspend' will return the values of THUNK."
  (when (eq? (%ethread-state thread) 'suspended)
    (unblock! ctx thread)
    (set-ethread-thunk! thread thunk)
    (set-ethread-state! thread 'runnable)
    (enqueue! ctx thread)))

(define* (resume thread thunk #:optional (ctx (ethread-econtext thread)))
  "Make a suspended THREAD runnable; its `suspend' will return the values of THUNK."
  (wake! ctx thread thunk))

(define (killed) (abort-to-prompt thread-tag 'killed))

(define (kill-ethread thread)
  "End THREAD when it next runs, unwinding it so that its dynamic-wind handlers run (a thread
that has not started just ends)."
  (case (ethread-state thread)
    ((suspended) (resume thread killed))
    ((runnable) (set-ethread-thunk! thread killed)))
  (values))

;; The switch path: `run-round' takes the next thread of the round, `run-thread' runs it under
;; a prompt whose handler is `cons', so that it comes back as the pair (continuation . why), and
;; `thread-stopped' files the thread and goes on with the round.  They pass their state in
;; arguments, which the compiler reads fastest, and call each other in tail position.

(define (run-thread ctx thread done?)
  "Run THREAD (runnable: only runnable threads are queued) until it ends or suspends."
  (set! running thread)
  (thread-stopped ctx thread done?
                  (%resume-under-prompt thread-tag (ethread-k thread) (ethread-thunk thread) cons)))

(define (thread-stopped ctx thread done? stop)
  "File THREAD by why it stopped, the cdr of STOP: 'yield (it stays runnable), a number of
seconds to sleep, a procedure to call now that it is suspended, #f (just suspended), or another
symbol (it ended).  Then run the next thread, unless (DONE?)."
  (cond ((eq? (cdr stop) 'yield)
         (set-ethread-k! thread (car stop))
         (set-ethread-thunk! thread zero)
         (enqueue! ctx thread))
        ((number? (cdr stop))
         (set-ethread-k! thread (car stop))
         (set-ethread-state! thread 'suspended)
         (%timers-add! (econtext-sleepers ctx) (cdr stop) thread))
        ((symbol? (cdr stop))
         (set-ethread-k! thread #f)
         (set-ethread-thunk! thread #f)
         (set-ethread-state! thread 'finished))
        (else
         (set-ethread-k! thread (car stop))
         (set-ethread-state! thread 'suspended)
         (when (cdr stop) ((cdr stop) ctx thread))))
  (if done?
      (unless (done?) (run-round ctx done? (econtext-round ctx)))
      (run-round ctx done? (econtext-round ctx))))

;;; Sleeping

;; What `suspend' returns when a thread slept or yielded, or its descriptor is ready: primitive
;; thunks, so that resuming a thread calls no Scheme procedure.
(define zero %zero)
(define ready %ready)

(define (sleep seconds)
  "Suspend the current thread for SECONDS (fractions allowed; 0 just lets the others run);
outside ethreads, block."
  (cond ((not running) ((@ (guile) sleep) seconds))
        ((eq? seconds 0) (%suspend-to-prompt thread-tag 'yield))
        ;; 0. rather than 0: comparing two floats is the fast case of `>'
        ((and (real? seconds) (> seconds 0.))
         (%suspend-to-prompt thread-tag seconds)
         0)
        ((real? seconds) (%suspend-to-prompt thread-tag 'yield))
        (else
         (scm-error 'wrong-type-arg "sleep" "Wrong type argument in position ~A: ~S"
                    (list 1 seconds) (list seconds)))))

;; The loops of the scheduler are procedures of their own rather than named lets: a named let
;; makes a closure that refers to itself, garbage only the cycle collector frees, and with it
;; whatever the loop's variables hold; on a busy scheduler that made collections frequent and long.

(define (woken! due)
  "DUE, a list of sleepers whose time has come, made runnable but not queued.  A thread with a
timer is suspended: whatever else wakes it cancels the timer."
  (make-runnable! due)
  due)

(define (make-runnable! threads)
  (when (pair? threads)
    (set-ethread-thunk! (car threads) zero)
    (set-ethread-state! (car threads) 'runnable)
    (make-runnable! (cdr threads))))

;;; Waiting for descriptors

(define (ensure-fd-slot! ctx fd)
  (let ((n (vector-length (econtext-waiters ctx))))
    (when (>= fd n)
      (let ((size (max (+ fd 1) (* 2 n)))
            (waiters (econtext-waiters ctx))
            (armed (econtext-armed ctx)))
        (set-econtext-waiters! ctx (make-vector size '()))
        (set-econtext-armed! ctx (make-vector size #f))
        (vector-copy! (econtext-waiters ctx) 0 waiters)
        (vector-copy! (econtext-armed ctx) 0 armed)))))

(define (make-waiter thread events) (list thread events (%close-sequence)))
(define waiter-thread car)
(define waiter-events cadr)
(define waiter-since caddr)

(define (events-wanted waiters events)
  "EVENTS with those WAITERS want."
  (if (null? waiters)
      events
      (events-wanted (cdr waiters) (logior events (waiter-events (car waiters))))))

(define (arm! ctx fd)
  "Point the epoll set at what FD's waiters want (one-shot).  A descriptor stays in the set once
added, so re-arming it after its event is a modify."
  (let ((wanted (events-wanted (vector-ref (econtext-waiters ctx) fd) 0))
        (armed (vector-ref (econtext-armed ctx) fd)))
    (cond ((not (zero? wanted))
           (%epoll-arm! (econtext-epfd ctx) fd wanted armed)
           (vector-set! (econtext-armed ctx) fd wanted))
          (armed (vector-set! (econtext-armed ctx) fd 0)))))

(define (wait-fd fd events)
  "Suspend the current thread until FD has EVENTS."
  (suspend-with
   (lambda (ctx thread)
     (ensure-fd-slot! ctx fd)
     (vector-set! (econtext-waiters ctx) fd
                  (cons (make-waiter thread events) (vector-ref (econtext-waiters ctx) fd)))
     (set-econtext-nwaiting! ctx (+ 1 (econtext-nwaiting ctx)))
     (set-ethread-blocked-on! thread fd)
     (arm-also! ctx fd events))))

(define (arm-also! ctx fd events)
  "Add EVENTS to what the epoll set waits for on FD: what is armed always covers what FD's
waiters want, so the other waiters need not be looked at."
  (let* ((armed (vector-ref (econtext-armed ctx) fd))
         (wanted (if armed (logior armed events) events)))
    (unless (eqv? wanted armed)
      (%epoll-arm! (econtext-epfd ctx) fd wanted armed)
      (vector-set! (econtext-armed ctx) fd wanted))))

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
    (let ((left (wake-waiters! ctx revents (vector-ref (econtext-waiters ctx) fd) '())))
      (vector-set! (econtext-waiters ctx) fd left)
      (when (pair? left)
        (arm! ctx fd)))))

(define (wake-waiters! ctx revents waiters keep)
  "Wake those of WAITERS that REVENTS satisfies; return the others, prepended to KEEP."
  (cond ((null? waiters) keep)
        ((or (not (zero? (logand revents (waiter-events (car waiters)))))
             (not (zero? (logand revents (logior EPOLLERR EPOLLHUP)))))
         (set-econtext-nwaiting! ctx (- (econtext-nwaiting ctx) 1))
         (set-ethread-blocked-on! (waiter-thread (car waiters)) #f)
         (ready! ctx (waiter-thread (car waiters)))
         (wake-waiters! ctx revents (cdr waiters) keep))
        (else (wake-waiters! ctx revents (cdr waiters) (cons (car waiters) keep)))))

(define (ready! ctx thread)
  "Make THREAD, which waited for a descriptor (and so has no timer), runnable in CTX: its
`suspend' returns."
  (when (eq? (%ethread-state thread) 'suspended)
    (set-ethread-thunk! thread ready)
    (set-ethread-state! thread 'runnable)
    (enqueue! ctx thread)))

(define (forget-waiter! ctx fd thread)
  "Stop THREAD waiting for FD (something else woke it)."
  (vector-set! (econtext-waiters ctx) fd
               (filter (lambda (w) (not (eq? (waiter-thread w) thread)))
                       (vector-ref (econtext-waiters ctx) fd)))
  (set-econtext-nwaiting! ctx (- (econtext-nwaiting ctx) 1))
  (arm! ctx fd))

(define (unblock! ctx thread)
  "Cancel what THREAD waits for, its descriptor or its timer."
  (let ((fd (ethread-blocked-on thread)))
    (if fd
        (begin
          (set-ethread-blocked-on! thread #f)
          (forget-waiter! ctx fd thread))
        (%timers-cancel! (econtext-sleepers ctx) thread))))

(define (closed-error)
  (scm-error 'system-error "wait-fd" "~A" (list "descriptor closed while waiting") (list 9)))

;; CLOSED is a list of (fd . close-sequence), from %take-closed-fds.
(define (fail-closed-fds! ctx closed)
  "Wake, with an error instead of a hang, the threads that were waiting on a descriptor when it
was closed (not those that wait on a new descriptor with the same number)."
  (when (pair? closed)
    (let ((fd (caar closed)))
      (when (< fd (vector-length (econtext-waiters ctx)))
        (vector-set! (econtext-waiters ctx) fd
                     (fail-waiters! ctx (cdar closed) (vector-ref (econtext-waiters ctx) fd) '()))
        (vector-set! (econtext-armed ctx) fd #f)
        (arm! ctx fd)))
    (fail-closed-fds! ctx (cdr closed))))

(define (fail-waiters! ctx when-closed waiters keep)
  "Wake with an error those of WAITERS that began before WHEN-CLOSED; return the others,
prepended to KEEP."
  (cond ((null? waiters) keep)
        ((< (waiter-since (car waiters)) when-closed)
         (set-econtext-nwaiting! ctx (- (econtext-nwaiting ctx) 1))
         (set-ethread-blocked-on! (waiter-thread (car waiters)) #f)
         (wake! ctx (waiter-thread (car waiters)) closed-error)
         (fail-waiters! ctx when-closed (cdr waiters) keep))
        (else (fail-waiters! ctx when-closed (cdr waiters) (cons (car waiters) keep)))))

;;; Signals

(define (signal-handler-threads ctx due)
  "A thread for each Scheme signal handler in DUE, a list of (handler . signal number)."
  (map (lambda (due)
         (make-thread ctx (lambda () ((car due) (cdr due))) 'signal-handler))
       due))

;;; The scheduler

(define (poll! ctx block?)
  "Collect ready descriptors and due timers, waiting for one when BLOCK? (and a signal cuts the
wait short): make the threads waiting for descriptors runnable, and return the sleepers due."
  (when (or (not (eq? 0 (econtext-nwaiting ctx)))
            (and block? (not (%timers-empty? (econtext-sleepers ctx)))))
    (wake-fds! ctx (if block?
                       (%epoll-wait-timers (econtext-epfd ctx) 64 (econtext-sleepers ctx))
                       (%epoll-wait (econtext-epfd ctx) 64 0))))
  (woken! (%timers-take-due! (econtext-sleepers ctx))))

(define (wake-fds! ctx events)
  "Wake the waiters of EVENTS, a list of (fd . revents)."
  (when (pair? events)
    (wake-fd! ctx (caar events) (cdar events))
    (wake-fds! ctx (cdr events))))

(define round-size 32)

(define (next-round! ctx)
  "Poll, then start a round: the handlers of signals that arrived, the sleepers due, then the
threads that became runnable otherwise, oldest first, up to `round-size' of them."
  (when (%closed-fds?)
    (fail-closed-fds! ctx (%take-closed-fds)))
  (start-round! ctx (poll! ctx (and (null? (econtext-next-round ctx))
                                    (null? (econtext-backlog ctx)))))
  (when (%signals-pending?)
    (set-econtext-round! ctx (append! (signal-handler-threads ctx (%pending-signal-handlers))
                                      (econtext-round ctx)))))

(define (start-round! ctx due)
  "Make the round DUE, the sleepers due, then the oldest runnable threads."
  (if (and (null? (econtext-backlog ctx))
           (<= (length (econtext-next-round ctx)) round-size))
      (set-econtext-round! ctx (append! due (reverse! (econtext-next-round ctx))))
      (begin
        (queue-backlog! ctx (reverse! (econtext-next-round ctx)))
        (set-econtext-round! ctx (append! due (take-backlog! ctx)))))
  (set-econtext-next-round! ctx '()))

(define (queue-backlog! ctx threads)
  "Add THREADS, oldest first, at the end of CTX's backlog."
  (when (pair? threads)
    (if (pair? (econtext-backlog ctx))
        (set-cdr! (econtext-backlog-end ctx) threads)
        (set-econtext-backlog! ctx threads))
    (set-econtext-backlog-end! ctx (last-pair threads))
    (set-econtext-backlog-length! ctx (+ (econtext-backlog-length ctx) (length threads)))))

(define (take-backlog! ctx)
  "Remove and return the first `round-size' threads of CTX's backlog (all, if fewer)."
  (let ((taken (econtext-backlog ctx)))
    (if (<= (econtext-backlog-length ctx) round-size)
        (begin
          (set-econtext-backlog! ctx '())
          (set-econtext-backlog-length! ctx 0))
        (let ((last (list-tail taken (- round-size 1))))
          (set-econtext-backlog! ctx (cdr last))
          (set-econtext-backlog-length! ctx (- (econtext-backlog-length ctx) round-size))
          (set-cdr! last '())))
    taken))

(define (run-loop ctx done?)
  "Run the threads of CTX until none can ever run again, or until (DONE?) after a thread ran
(DONE? may be #f)."
  (let ((outer running))
    (parameterize ((current-econtext ctx)
                   (current-read-waiter wait-readable)
                   (current-write-waiter wait-writable))
      ;; `running' is back to OUTER however this ends: a thread may run a nested `run', and an
      ;; AFTER procedure may leave through a prompt.  Meanwhile OUTER is stored as running.
      (dynamic-wind
        (lambda ()
          (when outer (set-ethread-state! outer 'running))
          (set! running #f))
        (lambda () (run-round ctx done? (econtext-round ctx)))
        (lambda ()
          (when outer (set-ethread-state! outer 'runnable))
          (set! running outer))))))

(define (run-round ctx done? round)
  "Run ROUND, the rest of CTX's round, and then more rounds, until nothing can run or (DONE?)."
  (cond ((pair? round)
         (set-econtext-round! ctx (cdr round))
         (run-thread ctx (car round) done?))
        ((or (pair? (econtext-next-round ctx))
             (pair? (econtext-backlog ctx))
             (not (%timers-empty? (econtext-sleepers ctx)))
             (not (eq? 0 (econtext-nwaiting ctx))))
         (next-round! ctx)
         (run-round ctx done? (econtext-round ctx)))))

(define* (run #:optional (ctx (ensure-current-econtext)))
  "Run the threads of CTX until none can ever run again."
  (run-loop ctx #f)
  (values))

(define (run-until-readable fd)
  "Run the current econtext's threads until descriptor FD is readable: the REPL runs this while it
waits for a key, so threads spawned at the prompt (tickers, servers) keep going."
  (let ((ctx (current-econtext)))
    (when ctx
      (let* ((ready #f)
             (watcher (spawn (lambda () (wait-readable fd) (set! ready #t)) ctx)))
        (run-loop ctx (lambda () ready))
        (unless ready (kill-ethread watcher))))))

;;; ethreads.scm ends here
