"""(ice-9 ethreads): scheduling, states, sleep, suspend/resume, errors, kill, termination of run."""
from __future__ import annotations

from conftest import run_scheme


def test_round_robin_order_and_run_returns(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define (worker name n)
  (lambda () (let lp ((i 0)) (when (< i n) (display name) (sleep 0) (lp (+ i 1))))))
(spawn (worker "a" 3))
(spawn (worker "b" 2))
(spawn (worker "c" 3))
(run)
(display " done")
""", tmp_path)
    assert r.stdout == "abcabcac done", r.stderr


def test_states_suspend_and_resume_with_values(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define t (spawn (lambda () (call-with-values suspend (lambda vals (write vals))))))
(write (ethread-state t))
(spawn (lambda ()
         (write (ethread-state t))
         (resume t (lambda () (values 1 2 3)))
         (write (ethread-state t))))
(run)
(write (ethread-state t))
""", tmp_path)
    assert r.stdout == "runnablesuspendedrunnable(1 2 3)finished", r.stderr


def test_sleep_order_and_accuracy(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define start (get-internal-real-time))
(define (ms) (/ (- (get-internal-real-time) start) 1e6))
(for-each (lambda (d) (spawn (lambda () (sleep d) (format #t "~a:~a " d (inexact->exact (round (* 1000 (- (/ (ms) 1000) d)))))))) '(0.3 0.1 0.2 0.05))
(run)
""", tmp_path)
    words = r.stdout.split()
    assert [w.split(":")[0] for w in words] == ["0.05", "0.1", "0.2", "0.3"], r.stderr
    assert all(0 <= int(w.split(":")[1]) < 50 for w in words), words


def test_error_in_one_thread_keeps_others_running(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define bad (spawn (lambda () (sleep 0.01) (car 'oops))))
(spawn (lambda () (sleep 0.05) (display "still running")))
(run)
(display (ethread-state bad))
""", tmp_path)
    assert r.stdout == "still runningfinished"
    assert "In procedure car: Wrong type argument in position 1 (expecting pair): oops" in r.stderr
    assert "prog.scm:3:43" in r.stderr


def test_kill_runs_dynamic_wind_exit_and_switches_do_not(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define t (spawn (lambda ()
  (dynamic-wind (lambda () (display "[in]"))
                (lambda () (let lp () (sleep 0) (suspend) (lp)))
                (lambda () (display "[out]"))))))
(spawn (lambda () (sleep 0) (sleep 0) (kill-ethread t) (display "killed")))
(run)
(display (ethread-state t))
""", tmp_path)
    assert r.stdout == "[in]killed[out]finished", r.stderr


def test_parameterize_inside_a_thread_survives_switches(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define p (make-parameter 'outer))
(spawn (lambda () (parameterize ((p 'a)) (sleep 0.01) (display (p)))))
(spawn (lambda () (parameterize ((p 'b)) (sleep 0.005) (display (p)))))
(spawn (lambda () (display (p))))
(run)
""", tmp_path)
    assert r.stdout == "outerba", r.stderr


def test_many_threads_sleeping_once(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define count 0)
(let lp ((i 0))
  (when (< i 5000)
    (spawn (lambda () (sleep (/ (modulo i 10) 1000.0)) (set! count (+ count 1))))
    (lp (+ i 1))))
(run)
(display count)
""", tmp_path)
    assert r.stdout == "5000", r.stderr


def test_current_ethread_inside_outside_and_around_a_nested_run(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define (show . xs) (for-each display xs) (display ";"))
(show (current-ethread) (sleep 0))
(define outer
  (spawn (lambda ()
           (let ((inner (make-econtext)))
             (create-ethread inner (lambda () (show "inner " (eq? (current-ethread) outer))))
             (run inner))
           (show "outer " (eq? (current-ethread) outer)))))
(run)
(show (current-ethread))
""", tmp_path)
    assert r.stdout == "#f0;inner #f;outer #t;#f;", r.stderr


def test_leaving_run_through_a_prompt_keeps_the_round(tmp_path) -> None:
    # what the web server does: an AFTER procedure leaves `run'; the next `run' goes on
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define tag (make-prompt-tag 'leave))
(define ctx (make-econtext))
(define (worker name)
  (lambda () (let lp ((i 0)) (when (< i 3) (display name) (sleep 0) (lp (+ i 1))))))
(create-ethread ctx (worker "a"))
(create-ethread ctx (lambda () (display "L") (suspend (lambda (ctx t) (abort-to-prompt tag))) (display "l")))
(create-ethread ctx (worker "b"))
(display (call-with-prompt tag (lambda () (run ctx) 'ran) (lambda (k) '-left-)))
(display (current-ethread))
(display (call-with-prompt tag (lambda () (run ctx) 'ran) (lambda (k) '-left-)))
""", tmp_path)
    assert r.stdout == "aL-left-#fbababran", r.stderr


def test_a_thread_reads_as_running_while_it_runs_even_around_a_nested_run(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads))
(define (show . xs) (for-each display xs) (display " "))
(define a #f)
(define b #f)
(set! a (spawn (lambda ()
  (show (ethread-state a) (ethread-state b))
  (sleep 0)
  (let ((inner (make-econtext)))
    (create-ethread inner (lambda () (show (ethread-state a))))
    (run inner))
  (kill-ethread a)
  (show (ethread-state a))
  (suspend (lambda (ctx t) (show (ethread-state t) (ethread-state b)))))))
(set! b (spawn (lambda () (show (ethread-state a)) (sleep 0) (kill-ethread a))))
(run)
(show (ethread-state a) a)
""", tmp_path)
    assert r.stdout == ("runningrunnable runnable running running suspendedrunnable "
                        "finished#<ethread 1 finished> "), r.stderr
