;;; boot.scm --- the part of the (guile) module written in Scheme that loads eagerly

;;; Commentary:
;;;
;;; Python primitives are leaves that never call back into Scheme; every
;;; procedure that takes a procedure argument is written in Scheme, so that
;;; a continuation can be captured inside the procedures it calls.  Those
;;; procedures live in ice-9/autoload/*.scm, each file compiled the first
;;; time one of the names it provides is used: a program pays at start-up
;;; only for what it calls.  Definitions every program needs belong here.
;;;
;;; Code:

;;; boot.scm ends here
