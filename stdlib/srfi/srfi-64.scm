;;; (srfi srfi-64) --- the SRFI 64 testing framework, with Guile's simple runner output

;;; Commentary:
;;;
;;; A test runner counts results and calls its callbacks.  The default
;;; (simple) runner writes a log file named after the outermost test
;;; group, reports each unexpected result as FILE:LINE: FAIL NAME (or
;;; XPASS) on the current output port, and prints the counts when the
;;; outermost group ends -- the same lines Guile 3.0.8 prints.  The test
;;; forms are macros so that a test knows its source form and location.
;;;
;;; Code:

(define-module (srfi srfi-64)
  #:use-module (srfi srfi-9)
  #:export (test-begin test-end test-group test-group-with-cleanup
            test-assert test-eqv test-eq test-equal test-approximate test-error
            test-skip test-expect-fail test-match-name test-match-nth test-match-any test-match-all
            test-read-eval-string test-apply test-with-runner
            test-runner? test-runner-current test-runner-get test-runner-simple test-runner-null
            test-runner-create test-runner-factory test-runner-reset
            test-runner-pass-count test-runner-fail-count test-runner-xpass-count
            test-runner-xfail-count test-runner-skip-count
            test-runner-test-name test-runner-group-path test-runner-group-stack
            test-runner-aux-value test-runner-set-aux-value!
            test-runner-on-test-begin test-runner-on-test-begin!
            test-runner-on-test-end test-runner-on-test-end!
            test-runner-on-group-begin test-runner-on-group-begin!
            test-runner-on-group-end test-runner-on-group-end!
            test-runner-on-final test-runner-on-final!
            test-runner-on-bad-count test-runner-on-bad-count!
            test-runner-on-bad-end-name test-runner-on-bad-end-name!
            test-result-kind test-passed? test-result-ref test-result-set! test-result-remove
            test-result-clear test-result-alist
            test-on-test-begin-simple test-on-test-end-simple test-on-group-begin-simple
            test-on-group-end-simple test-on-final-simple test-on-bad-count-simple
            test-on-bad-end-name-simple test-log-to-file))

;;; Runners

(define-record-type <test-runner>
  (%make-test-runner)
  test-runner?
  (pass-count test-runner-pass-count set-pass-count!)
  (fail-count test-runner-fail-count set-fail-count!)
  (xpass-count test-runner-xpass-count set-xpass-count!)
  (xfail-count test-runner-xfail-count set-xfail-count!)
  (skip-count test-runner-skip-count set-skip-count!)
  (group-stack test-runner-group-stack set-group-stack!)
  ;; per group level: (skip-specifiers . fail-specifiers), innermost first
  (saved-specs saved-specs set-saved-specs!)
  (skip-list skip-list set-skip-list!)
  (fail-list fail-list set-fail-list!)
  (result-alist test-result-alist test-result-alist!)
  (aux-value test-runner-aux-value test-runner-set-aux-value!)
  (log-port log-port set-log-port!)
  (on-test-begin test-runner-on-test-begin test-runner-on-test-begin!)
  (on-test-end test-runner-on-test-end test-runner-on-test-end!)
  (on-group-begin test-runner-on-group-begin test-runner-on-group-begin!)
  (on-group-end test-runner-on-group-end test-runner-on-group-end!)
  (on-final test-runner-on-final test-runner-on-final!)
  (on-bad-count test-runner-on-bad-count test-runner-on-bad-count!)
  (on-bad-end-name test-runner-on-bad-end-name test-runner-on-bad-end-name!))

(define test-log-to-file #t)

(define (test-runner-reset runner)
  "Zero RUNNER's counts and forget its groups and specifiers."
  (for-each (lambda (set!) (set! runner 0))
            (list set-pass-count! set-fail-count! set-xpass-count! set-xfail-count! set-skip-count!))
  (set-group-stack! runner '())
  (set-saved-specs! runner '())
  (set-skip-list! runner '())
  (set-fail-list! runner '())
  (test-result-alist! runner '()))

(define (test-runner-null)
  "A runner that counts results and reports nothing."
  (let ((runner (%make-test-runner)))
    (test-runner-reset runner)
    (test-runner-set-aux-value! runner #f)
    (set-log-port! runner #f)
    (let ((ignore (lambda args #f)))
      (for-each (lambda (set!) (set! runner ignore))
                (list test-runner-on-test-begin! test-runner-on-test-end!
                      test-runner-on-group-begin! test-runner-on-group-end!
                      test-runner-on-final! test-runner-on-bad-count!
                      test-runner-on-bad-end-name!)))
    runner))

(define (test-runner-simple)
  "The runner that writes a log and reports as Guile's does."
  (let ((runner (test-runner-null)))
    (test-runner-on-test-begin! runner test-on-test-begin-simple)
    (test-runner-on-test-end! runner test-on-test-end-simple)
    (test-runner-on-group-begin! runner test-on-group-begin-simple)
    (test-runner-on-group-end! runner test-on-group-end-simple)
    (test-runner-on-final! runner test-on-final-simple)
    (test-runner-on-bad-count! runner test-on-bad-count-simple)
    (test-runner-on-bad-end-name! runner test-on-bad-end-name-simple)
    runner))

(define test-runner-factory (make-parameter test-runner-simple))
(define test-runner-current (make-parameter #f))

(define (test-runner-get)
  "The current runner, or an error when no test group is open."
  (or (test-runner-current) (error "test-runner not initialized - test-begin missing?")))

(define (test-runner-create)
  ((test-runner-factory)))

(define (test-runner-group-path runner)
  (reverse (test-runner-group-stack runner)))

(define (test-runner-test-name runner)
  (or (test-result-ref runner 'test-name) ""))

;;; Results

(define* (test-result-ref runner key #:optional default)
  (let ((entry (assq key (test-result-alist runner))))
    (if entry (cdr entry) default)))

(define (test-result-set! runner key value)
  (let ((alist (test-result-alist runner)))
    (test-result-alist! runner (append (alist-delete-key key alist) (list (cons key value))))))

(define (alist-delete-key key alist)
  (filter (lambda (entry) (not (eq? (car entry) key))) alist))

(define (test-result-remove runner key)
  (test-result-alist! runner (alist-delete-key key (test-result-alist runner))))

(define (test-result-clear runner)
  (test-result-alist! runner '()))

(define* (test-result-kind #:optional (runner (test-runner-get)))
  (test-result-ref runner 'result-kind))

(define* (test-passed? #:optional (runner (test-runner-get)))
  (and (memq (test-result-kind runner) '(pass xpass)) #t))

;;; The simple runner's callbacks

(define (log-line runner fmt . args)
  (let ((port (log-port runner)))
    (when port (apply format port fmt args))))

(define (test-on-group-begin-simple runner suite-name count)
  (when (null? (test-runner-group-stack runner))
    (format #t "%%%% Starting test ~a" suite-name)
    (when test-log-to-file
      (let ((file (string-append suite-name ".log")))
        (set-log-port! runner (open-output-file file))
        (format #t "  (Writing full log to ~s)" file)
        (log-line runner "%%%% Starting test ~a~%" suite-name)))
    (newline))
  (log-line runner "Group begin: ~a~%" suite-name))

(define (test-on-group-end-simple runner)
  (log-line runner "Group end: ~a~%" (car (test-runner-group-stack runner))))

(define (test-on-test-begin-simple runner)
  (log-line runner "Test begin:~%")
  (for-each (lambda (key)
              (let ((entry (assq key (test-result-alist runner))))
                (when entry (log-line runner "  ~a: ~s~%" key (cdr entry)))))
            '(test-name source-file source-line source-form)))

(define (test-on-test-end-simple runner)
  (let ((kind (test-result-kind runner)))
    (when (memq kind '(fail xpass))
      (let ((file (test-result-ref runner 'source-file))
            (line (test-result-ref runner 'source-line))
            (name (test-result-ref runner 'test-name)))
        (when file (format #t "~a:~a: " file line))
        (format #t "~a~a~%" (if (eq? kind 'xpass) "XPASS" "FAIL") (if name (string-append " " name) ""))))
    (log-line runner "Test end:~%")
    (for-each (lambda (entry)
                (unless (memq (car entry) '(test-name source-file source-line source-form))
                  (log-line runner "  ~a: ~s~%" (car entry) (cdr entry))))
              (test-result-alist runner))))

(define (write-counts runner port)
  (for-each (lambda (label count)
              (unless (zero? count) (format port "~a~a~%" label count)))
            '("# of expected passes      " "# of expected failures    "
              "# of unexpected successes " "# of unexpected failures  " "# of skipped tests        ")
            (list (test-runner-pass-count runner) (test-runner-xfail-count runner)
                  (test-runner-xpass-count runner) (test-runner-fail-count runner)
                  (test-runner-skip-count runner))))

(define (test-on-final-simple runner)
  (write-counts runner (current-output-port))
  (let ((port (log-port runner)))
    (when port
      (write-counts runner port)
      (close-port port)
      (set-log-port! runner #f))))

(define (test-on-bad-count-simple runner count expected)
  (format #t "*** Total number of tests was ~a but should be ~a. ***~%" count expected))

(define (test-on-bad-end-name-simple runner begin-name end-name)
  (error (format #f "test-end ~a does not match test-begin ~a" end-name begin-name)))

;;; Groups

(define* (test-begin suite-name #:optional count)
  "Open the test group SUITE-NAME (and a runner, if none is running)."
  (unless (test-runner-current)
    (test-runner-current (test-runner-create)))
  (let ((runner (test-runner-current)))
    ((test-runner-on-group-begin runner) runner suite-name count)
    (set-saved-specs! runner (cons (cons (skip-list runner) (fail-list runner)) (saved-specs runner)))
    (set-group-stack! runner (cons suite-name (test-runner-group-stack runner)))))

(define* (test-end #:optional suite-name)
  "Close the innermost test group; closing the outermost reports the counts."
  (let* ((runner (test-runner-get))
         (groups (test-runner-group-stack runner)))
    (when (null? groups) (error "test-end without test-begin"))
    (when (and suite-name (not (equal? suite-name (car groups))))
      ((test-runner-on-bad-end-name runner) runner (car groups) suite-name))
    ((test-runner-on-group-end runner) runner)
    (set-group-stack! runner (cdr groups))
    (let ((specs (car (saved-specs runner))))
      (set-skip-list! runner (car specs))
      (set-fail-list! runner (cdr specs))
      (set-saved-specs! runner (cdr (saved-specs runner))))
    (when (null? (cdr groups))
      ((test-runner-on-final runner) runner)
      (test-runner-current #f))))

(define-syntax-rule (test-group name body body* ...)
  (begin (test-begin name) body body* ... (test-end name)))

(define-syntax-rule (test-group-with-cleanup name body ... cleanup)
  (test-group name (dynamic-wind (lambda () #t) (lambda () body ...) (lambda () cleanup))))

;;; Specifiers

(define (specifier spec)
  "A predicate on runners for SPEC: a count of tests to come, a test name, or a predicate."
  (cond ((procedure? spec) spec)
        ((integer? spec) (test-match-nth 1 spec))
        ((string? spec) (test-match-name spec))
        (else (error "not a test specifier" spec))))

(define (test-match-name name)
  (lambda (runner) (equal? name (test-result-ref runner 'test-name))))

(define* (test-match-nth n #:optional (count 1))
  (let ((i 0))
    (lambda (runner)
      (set! i (+ i 1))
      (and (>= i n) (< i (+ n count))))))

(define (accepts combine preds runner)
  "Every one of PREDS applied to RUNNER (counting specifiers must see every test), the answers
combined with COMBINE (and/or as a procedure)."
  (let lp ((ps preds) (result (combine)))
    (if (null? ps) result (lp (cdr ps) (combine ((car ps) runner) result)))))

(define (all . answers) (and-map identity answers))
(define (any . answers) (or-map identity answers))

(define (test-match-all . specs)
  (let ((preds (map specifier specs)))
    (lambda (runner) (accepts all preds runner))))

(define (test-match-any . specs)
  (let ((preds (map specifier specs)))
    (lambda (runner) (accepts any preds runner))))

(define (test-skip . specs)
  (let ((runner (test-runner-get)))
    (set-skip-list! runner (cons (apply test-match-all specs) (skip-list runner)))))

(define (test-expect-fail . specs)
  (let ((runner (test-runner-get)))
    (set-fail-list! runner (cons (apply test-match-all specs) (fail-list runner)))))

;;; Running one test

(define (location-alist loc)
  (if (pair? loc)
      (list (cons 'source-file (assq-ref loc 'filename)) (cons 'source-line (+ 1 (assq-ref loc 'line))))
      '()))

(define (count-result! runner kind)
  (case kind
    ((pass) (set-pass-count! runner (+ 1 (test-runner-pass-count runner))))
    ((fail) (set-fail-count! runner (+ 1 (test-runner-fail-count runner))))
    ((xpass) (set-xpass-count! runner (+ 1 (test-runner-xpass-count runner))))
    ((xfail) (set-xfail-count! runner (+ 1 (test-runner-xfail-count runner))))
    ((skip) (set-skip-count! runner (+ 1 (test-runner-skip-count runner))))))

(define (run-test name form loc evaluate)
  "Run one test: (EVALUATE runner) records the values it saw in the runner's results and says
whether the test passed.  The result kind is listed before those values (after them for an
expected failure), as Guile's log shows them."
  (let* ((runner (test-runner-get))
         (header (append (if name (list (cons 'test-name name)) '())
                         (location-alist loc)
                         (list (cons 'source-form form)))))
    (test-result-alist! runner header)
    (let ((skip? (accepts any (skip-list runner) runner))
          (xfail? (accepts any (fail-list runner) runner)))
      ((test-runner-on-test-begin runner) runner)
      (let* ((kind (cond (skip? 'skip)
                         ((evaluate runner) (if xfail? 'xpass 'pass))
                         (else (if xfail? 'xfail 'fail))))
             (seen (list-tail (test-result-alist runner) (length header)))
             (entry (list (cons 'result-kind kind))))
        (test-result-alist! runner (append header (if xfail? (append seen entry) (append entry seen))))
        (count-result! runner kind)
        ((test-runner-on-test-end runner) runner)
        (eq? kind 'pass)))))

(define (evaluating thunk check expected)
  "An evaluator: the value of THUNK passes when (CHECK value); an error fails the test."
  (lambda (runner)
    (catch #t
      (lambda ()
        (let ((value (thunk)))
          (test-result-set! runner 'actual-value value)
          (when expected (test-result-set! runner 'expected-value (car expected)))
          (check value)))
      (lambda (key . args)
        (test-result-set! runner 'actual-error (cons key args))
        #f))))

(define (compare pred expected thunk)
  (evaluating thunk (lambda (value) (pred expected value)) (list expected)))

(define (raising type thunk)
  "An evaluator that passes when THUNK raises an error of TYPE (#t: any)."
  (lambda (runner)
    (catch #t
      (lambda ()
        (let ((value (thunk)))
          (test-result-set! runner 'actual-value value)
          (test-result-set! runner 'expected-error type)
          #f))
      (lambda (key . args)
        (test-result-set! runner 'actual-error (cons key args))
        (test-result-set! runner 'expected-error type)
        (or (eq? type #t) (eq? type key) (string? type)
            (and (procedure? type) (type (cons key args))))))))

(define-syntax test-assert
  (syntax-rules ()
    ((_ name expr)
     (run-test name '(test-assert name expr) (current-source-location)
               (evaluating (lambda () expr) (lambda (v) v) #f)))
    ((_ expr)
     (run-test #f '(test-assert expr) (current-source-location)
               (evaluating (lambda () expr) (lambda (v) v) #f)))))

(define-syntax define-comparison
  (syntax-rules ()
    ((_ test-name pred)
     (define-syntax test-name
       (syntax-rules ()
         ((_ name expected expr)
          (run-test name '(test-name name expected expr) (current-source-location)
                    (compare pred expected (lambda () expr))))
         ((_ expected expr)
          (run-test #f '(test-name expected expr) (current-source-location)
                    (compare pred expected (lambda () expr)))))))))

(define-comparison test-equal equal?)
(define-comparison test-eqv eqv?)
(define-comparison test-eq eq?)

(define-syntax test-approximate
  (syntax-rules ()
    ((_ name expected expr error)
     (run-test name '(test-approximate name expected expr error) (current-source-location)
               (compare (lambda (e v) (<= (abs (- e v)) error)) expected (lambda () expr))))
    ((_ expected expr error)
     (run-test #f '(test-approximate expected expr error) (current-source-location)
               (compare (lambda (e v) (<= (abs (- e v)) error)) expected (lambda () expr))))))

(define-syntax test-error
  (syntax-rules ()
    ((_ name type expr)
     (run-test name '(test-error name type expr) (current-source-location)
               (raising type (lambda () expr))))
    ((_ type expr)
     (run-test #f '(test-error type expr) (current-source-location)
               (raising type (lambda () expr))))
    ((_ expr)
     (run-test #f '(test-error expr) (current-source-location)
               (raising #t (lambda () expr))))))

(define (test-read-eval-string string)
  "The value of the one expression in STRING."
  (let* ((port (open-input-string string))
         (form (read port)))
    (unless (eof-object? (read port))
      (error "(not at eof)"))
    (primitive-eval form)))

(define-syntax-rule (test-with-runner runner body body* ...)
  (let ((saved (test-runner-current)))
    (dynamic-wind
      (lambda () (test-runner-current runner))
      (lambda () body body* ...)
      (lambda () (test-runner-current saved)))))

(define (test-apply first . rest)
  "Run the thunk at the end of the arguments with the runner (if given first) and the specifiers
given before it selecting which tests run."
  (let* ((runner (if (test-runner? first) first (test-runner-get)))
         (args (if (test-runner? first) rest (cons first rest)))
         (thunk (car (last-pair args)))
         (specs (list-head args (- (length args) 1))))
    (test-with-runner runner
      (let ((saved (skip-list runner)))
        (unless (null? specs)
          (let ((selected (apply test-match-any specs)))
            (set-skip-list! runner (cons (lambda (r) (not (selected r))) saved))))
        (thunk)
        (set-skip-list! runner saved)))))

;;; srfi-64.scm ends here
