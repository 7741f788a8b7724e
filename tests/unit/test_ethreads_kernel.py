"""The kernel side of (ice-9 ethreads internal): one-shot arming that falls back between add and
modify, waiting for events or the earliest timer, and %resume-under-prompt."""
from __future__ import annotations

import os

from schemeth.data.printer import write_string
from schemeth.data.values import NIL, Pair
from schemeth.interpreter import Interpreter
from schemeth.primitives import ethreads, posix  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES

INTERNAL = TABLES[("ice-9", "ethreads", "internal")]
EPOLL = TABLES[("ice-9", "epoll", "internal")]
IN = EPOLL["EPOLLIN"]


def call(name: str, *args: object) -> object:
    return (INTERNAL.get(name) or EPOLL[name]).fn(*args)


def pairs(lst: object) -> list[tuple]:
    out = []
    while type(lst) is Pair:
        out.append((lst.car.car, lst.car.cdr))
        lst = lst.cdr
    assert lst is NIL
    return out


def test_arming_falls_back_between_add_and_modify_and_is_one_shot() -> None:
    ep = call("epoll-create")
    r, w = os.pipe()
    try:
        call("%epoll-arm!", ep, r, IN, 0)        # believed registered, is not: modify -> add
        os.write(w, b"x")
        assert pairs(call("%epoll-wait", ep, 8, 1000)) == [(r, IN)]
        assert pairs(call("%epoll-wait", ep, 8, 0)) == []       # one-shot: disarmed now
        call("%epoll-arm!", ep, r, IN, False)    # believed absent, is there: add -> modify
        assert pairs(call("%epoll-wait", ep, 8, 1000)) == [(r, IN)]
    finally:
        os.close(r)
        os.close(w)
        call("epoll-destroy", ep)


def test_waiting_ends_with_an_event_or_at_the_earliest_timer() -> None:
    ep = call("epoll-create")
    timers = call("%make-timers")
    r, w = os.pipe()
    try:
        call("epoll-add!", ep, r, IN)
        os.write(w, b"x")
        assert pairs(call("%epoll-wait-timers", ep, 8, timers)) == [(r, IN)]   # no timer
        os.read(r, 1)
        call("%timers-add!", timers, 0.001, "sleeper")
        assert pairs(call("%epoll-wait-timers", ep, 8, timers)) == []
        due = call("%timers-take-due!", timers)
        assert due.car == "sleeper" and due.cdr is NIL
    finally:
        os.close(r)
        os.close(w)
        call("epoll-destroy", ep)


def test_resume_under_prompt_runs_a_thunk_or_resumes_a_suspension() -> None:
    interp = Interpreter()
    out = interp.eval("""
(define tag (make-prompt-tag 'thread))
(define p (make-parameter 'outer-p))
(define q (make-parameter 'outer-q))
(define (body) (parameterize ((p 'inner)) (list (%suspend-to-prompt tag 'why) (p) (q))))
(define stop (%resume-under-prompt tag #f body cons))
(list (cdr stop)
      (parameterize ((q 'elsewhere))
        (%resume-under-prompt tag (car stop) (lambda () 'rebased) cons))
      (%resume-under-prompt tag (car stop) (lambda () 'same-base) cons)
      (cdr (%resume-under-prompt tag (car stop) (lambda () (abort-to-prompt tag 'ended)) cons))
      (p) (q))
""")
    assert write_string(out) == ("(why (rebased inner elsewhere) (same-base inner outer-q) ended "
                                 "outer-p outer-q)")
