;;; (srfi srfi-19) --- dates (a subset: the date type and what HTTP headers need)

;;; Commentary:
;;;
;;; The date type of SRFI-19 as Guile 3.0.8 defines it -- a record named
;;; `date' with the fields nanosecond second minute hour day month year
;;; zone-offset, printed `#<date nanosecond: 0 second: 37 ...>' -- with its
;;; accessors, the day-of-week and day-of-year computations, and
;;; `current-date'.  (web http) parses and writes Date, Expires and
;;; Last-Modified headers as these dates.  The time types and the
;;; date->string/string->date formatters are not here yet.
;;;
;;; Code:

(define-module (srfi srfi-19)
  #:use-module (srfi srfi-9)
  #:export (make-date date? date-nanosecond date-second date-minute date-hour
            date-day date-month date-year date-zone-offset
            date-week-day date-year-day current-date))

(define-record-type date
  (make-date nanosecond second minute hour day month year zone-offset)
  date?
  (nanosecond date-nanosecond)
  (second date-second)
  (minute date-minute)
  (hour date-hour)
  (day date-day)
  (month date-month)
  (year date-year)
  (zone-offset date-zone-offset))

(define (days-before-month month year)
  "Days of YEAR before the first of MONTH."
  (let ((leap? (and (zero? (modulo year 4))
                    (or (not (zero? (modulo year 100))) (zero? (modulo year 400))))))
    (+ (vector-ref #(0 31 59 90 120 151 181 212 243 273 304 334) (- month 1))
       (if (and leap? (> month 2)) 1 0))))

(define (days-from-civil year month day)
  "Days from 1970-01-01 to the given proleptic Gregorian date."
  (let ((y (- year 1)))
    (+ (* 365 (- year 1970))
       (- (quotient y 4) (quotient 1969 4))
       (- (quotient 1969 100) (quotient y 100))
       (- (quotient y 400) (quotient 1969 400))
       (days-before-month month year)
       (- day 1))))

(define (date-year-day date)
  "The ordinal day of DATE within its year, 1 for January 1st."
  (+ (days-before-month (date-month date) (date-year date)) (date-day date)))

(define (date-week-day date)
  "The day of the week of DATE, 0 for Sunday."
  (modulo (+ 4 (days-from-civil (date-year date) (date-month date) (date-day date))) 7))

(define (civil-from-days days)
  ;; -> (values year month day)
  "The date DAYS after 1970-01-01."
  (let* ((z (+ days 719468))
         (era (floor-quotient z 146097))
         (doe (- z (* era 146097)))
         (yoe (quotient (- doe (quotient doe 1460) (- (quotient doe 36524)) (quotient doe 146096))
                        365))
         (doy (- doe (+ (* 365 yoe) (quotient yoe 4) (- (quotient yoe 100)))))
         (mp (quotient (+ (* 5 doy) 2) 153))
         (day (+ (- doy (quotient (+ (* 153 mp) 2) 5)) 1))
         (month (if (< mp 10) (+ mp 3) (- mp 9))))
    (values (+ yoe (* era 400) (if (<= month 2) 1 0)) month day)))

(define* (current-date #:optional (tz-offset 0))
  "The date now, seen from TZ-OFFSET seconds east of Greenwich (UTC by default)."
  (let* ((now (+ (current-time) tz-offset))
         (secs (modulo now 86400)))
    (call-with-values (lambda () (civil-from-days (floor-quotient now 86400)))
      (lambda (year month day)
        (make-date 0 (modulo secs 60) (quotient (modulo secs 3600) 60) (quotient secs 3600)
                   day month year tz-offset)))))

;;; srfi-19.scm ends here
