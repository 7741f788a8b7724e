;;; (ice-9 epoll) --- waiting for many file descriptors at once

;;; Commentary:
;;;
;;; An epoll set watches file descriptors (or fd ports) for readiness.  The
;;; set itself and its operations are Python leaves from (ice-9 epoll
;;; internal); `epoll' is written here because it calls a Scheme folder on
;;; each event.  On systems without epoll the same interface is emulated
;;; with level-triggered polling.
;;;
;;; Code:

(define-module (ice-9 epoll)
  #:use-module (ice-9 epoll internal)
  #:re-export (epoll-create epoll-destroy epoll? epoll-add! epoll-modify!
               epoll-remove!
               EPOLLIN EPOLLOUT EPOLLPRI EPOLLERR EPOLLHUP EPOLLET EPOLLRDHUP
               EPOLLONESHOT)
  #:export (epoll))

(define (epoll-default-folder fd revents seed)
  "Collect events as an alist of (FD . REVENTS)."
  (acons fd revents seed))

(define* (epoll ep #:optional maxevents (timeout -1)
                #:key (folder epoll-default-folder) (seed '()))
  "Wait up to TIMEOUT milliseconds (-1: forever, 0: just poll) for at most
MAXEVENTS (default 8) events on EP, and fold FOLDER over them: each call is
(FOLDER FD REVENTS SEED).  The default folder returns ((FD . REVENTS) ...)."
  (let lp ((events (%epoll-wait ep (or maxevents 8) timeout)) (seed seed))
    (if (pair? events)
        (lp (cdr events) (folder (caar events) (cdar events) seed))
        seed)))
