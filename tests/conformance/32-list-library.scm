;; The list procedures of Guile's default environment that take procedures
;; (map, for-each and friends, filter, and-map, sorting) and the other
;; non-SRFI list extras, without (srfi srfi-1).

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define-syntax-rule (try expr)
  (catch #t
    (lambda () (call-with-values (lambda () expr) list))
    (lambda (key . args) (cons key args))))

(define-syntax-rule (check label expr)
  (show label (try expr)))

;;; map and for-each

(check "map" (list (map - '(1 2 3)) (map car '()) (map + '() '())))
(check "map two" (map cons '(1 2) '(a b)))
(check "map three" (map list '(1 2) '(a b) '(x y)))
(check "map four" (map + '(1 2) '(10 20) '(100 200) '(1000 2000)))
(check "map order" (let ((log '())) (map (lambda (x) (set! log (cons x log))) '(1 2 3)) log))
(check "map order two" (let ((log '())) (map (lambda (x y) (set! log (cons y log))) '(1 2 3) '(a b c)) log))
(check "map order three" (let ((log '())) (map (lambda (x y z) (set! log (cons z log))) '(1 2) '(a b) '(p q)) log))
(check "map longer first" (map cons '(1 2 3) '(a b)))
(check "map longer second" (map cons '(1 2) '(a b c)))
(check "map three unequal" (map list '(1 2) '(a b) '(x)))
(check "map three unequal middle" (map list '(1 2) '(a) '(x y z)))
(check "map atom" (map car 5))
(check "map dotted" (map car '(1 . 2)))
(check "map circular" (let ((l (list 1 2))) (set-cdr! (cdr l) l) (map list l)))
(check "map two circular" (let ((l (list 1 2))) (set-cdr! (cdr l) l) (map list l l)))
(check "map dotted first of two" (map cons '(1 . 2) '(1 2)))
(check "map atom second" (map list '(1 2) 5))
(check "map atom third" (map list '(1 2) '(a b) 5))
(check "map atom first of three" (map list 5 '(a b) 5))
(check "map atom middle" (map list '(1 2) 5 '(a b)))
(check "map bad proc" (map 5 '(1)))
(check "map bad proc on empty" (map 5 '()))
(check "map returns fresh lists on re-entry"
       (let ((k #f) (n 0) (results '()))
         (let ((r (map (lambda (x) (call/cc (lambda (c) (if (= x 2) (set! k c)) x))) '(1 2 3))))
           (set! results (cons r results))
           (set! n (+ n 1))
           (if (< n 3) (k (* 10 n)))
           results)))
(check "map two re-entry"
       (let ((k #f) (n 0) (results '()))
         (let ((r (map (lambda (x y) (call/cc (lambda (c) (if (= x 2) (set! k c)) (+ x y)))) '(1 2 3) '(10 20 30))))
           (set! results (cons r results))
           (set! n (+ n 1))
           (if (< n 3) (k (* 100 n)))
           results)))
(check "for-each" (let ((log '())) (list (for-each (lambda (x) (set! log (cons x log))) '(1 2 3)) log)))
(check "for-each empty" (for-each car '()))
(check "for-each two" (let ((log '())) (for-each (lambda (x y) (set! log (cons (+ x y) log))) '(1 2) '(10 20)) log))
(check "for-each three" (let ((log '())) (for-each (lambda (x y z) (set! log (cons (list x y z) log))) '(1 2) '(a b) '(p q)) log))
(check "for-each longer first" (for-each cons '(1 2 3) '(a b)))
(check "for-each longer second" (for-each cons '(1 2) '(a b c)))
(check "for-each three unequal" (for-each list '(1 2) '(a b) '(x)))
(check "for-each atom" (for-each car 5))
(check "for-each dotted" (for-each car '(1 . 2)))
(check "for-each atom first" (for-each list 7 '(1 2)))
(check "for-each atom second" (for-each list '(1 2) 7))
(check "for-each atom third" (for-each list '(1 2) '(a b) 7))
(check "for-each errors before calling" (let ((log '())) (list (try (for-each (lambda (x y) (set! log (cons x log))) '(1 2 3) '(a b))) log)))
(check "map-in-order" (let ((log '())) (list (map-in-order (lambda (x) (set! log (cons x log)) (* x x)) '(1 2 3)) log)))
(check "map-in-order two" (map-in-order + '(1 2) '(3 4)))
(check "map-in-order unequal" (map-in-order cons '(1 2 3) '(a b)))
(check "map-in-order atom" (map-in-order list 5))

(define big (iota 300000))
(check "long map" (let ((r (map 1+ big))) (list (length r) (car r) (list-ref r 299999))))
(check "long map two" (let ((r (map + big big))) (list (length r) (list-ref r 299999))))
(check "long for-each" (let ((n 0)) (for-each (lambda (x) (set! n (+ n x))) big) n))

;;; and-map and or-map

(check "and-map" (list (and-map odd? '(1 3)) (and-map odd? '(1 2)) (and-map odd? '())))
(check "and-map last value" (and-map (lambda (x) (and (odd? x) (* x 10))) '(1 3)))
(check "and-map stops" (let ((log '())) (list (and-map (lambda (x) (set! log (cons x log)) (odd? x)) '(1 2 3)) log)))
(check "and-map dotted" (and-map odd? '(1 . 2)))
(check "and-map dotted stops early" (and-map odd? '(2 . 3)))
(check "and-map atom" (and-map odd? 5))
(check "or-map" (list (or-map odd? '(2 3)) (or-map odd? '(2 4)) (or-map odd? '())))
(check "or-map first value" (or-map (lambda (x) (and (even? x) (* x 10))) '(1 2 4)))
(check "or-map dotted found" (or-map odd? '(1 . 2)))
(check "or-map dotted" (or-map odd? '(2 . 3)))
(check "or-map atom" (or-map odd? 5))

;;; filter and filter!

(check "filter" (list (filter odd? '(1 2 3 4 5)) (filter odd? '()) (filter odd? '(2 4))))
(check "filter order" (let ((log '())) (filter (lambda (x) (set! log (cons x log)) #t) '(1 2 3)) log))
(check "filter fresh" (let* ((l (list 1 3 5)) (r (filter odd? l))) (list r (eq? l r))))
(check "filter atom" (filter odd? 5))
(check "filter dotted" (filter odd? '(1 2 . 3)))
(check "filter dotted checked first" (let ((log '())) (list (try (filter (lambda (x) (set! log (cons x log)) #t) '(1 2 . 3))) log)))
(check "filter bad proc" (filter 5 '(1)))
(check "filter bad proc on empty" (filter 5 '()))
(check "filter!" (let* ((l (list 1 2 3 4 5)) (r (filter! odd? l))) (list r l)))
(check "filter! keeps pairs" (let* ((l (list 2 4 3)) (r (filter! odd? l))) (list r l (eq? r (cddr l)))))
(check "filter! first dropped" (let* ((l (list 1 2 3)) (r (filter! even? l))) (list l r)))
(check "filter! empty" (filter! odd? '()))
(check "filter! atom" (filter! odd? 5))
(check "filter! dotted" (filter! odd? '(1 2 . 3)))
(check "filter! bad proc" (filter! 5 '()))

;;; list-index (Guile's own, not SRFI-1's)

(check "list-index" (list (list-index '(a b c) 'c) (list-index '(1 3 4) 4) (list-index '(1 3 4) 5) (list-index '() 'a)))
(check "list-index chars" (list-index '(#\a #\b) #\b))
(check "list-index uses eq?" (list (list-index '("a") "a") (list-index '((4)) '(4))))
(check "list-index dotted" (list-index '(1 3 . 4) 5))
(check "list-index atom" (list-index 5 5))

;;; sloppy association lists

(check "sloppy-assq" (list (sloppy-assq 'a '(1 (a . 2))) (sloppy-assq 'b '((a . 1))) (sloppy-assq 'a 5)))
(check "sloppy-assq dotted" (sloppy-assq 'a '((b . 1) . 5)))
(check "sloppy-assv" (list (sloppy-assv 2 '((1 . 1) (2 . 2))) (sloppy-assv 1.0 '(x (1.0 . 2)))))
(check "sloppy-assoc" (list (sloppy-assoc "a" '(1 ("a" . 2))) (sloppy-assoc '(1) '(((1) . one))) (sloppy-assoc "z" '())))

;;; list-cdr-ref and list-cdr-set!

(check "list-cdr-ref" (list (list-cdr-ref '(1 2 3) 0) (list-cdr-ref '(1 2 3) 1) (list-cdr-ref '(1 2 3) 3) (list-cdr-ref 5 0)))
(check "list-cdr-ref too far" (list-cdr-ref '(1 2 3) 5))
(check "list-cdr-ref bad index" (list-cdr-ref '(1 2 3) 'x))
(check "list-cdr-set!" (let ((l (list 1 2 3))) (list (list-cdr-set! l 1 '(x)) l)))
(check "list-cdr-set! first" (let ((l (list 1 2 3))) (list-cdr-set! l 0 'y) l))
(check "list-cdr-set! last" (let ((l (list 1 2 3))) (list-cdr-set! l 2 '(z)) l))
(check "list-cdr-set! too far" (list-cdr-set! (list 1 2 3) 3 '(x)))
(check "list-cdr-set! atom" (list-cdr-set! 5 0 '(x)))

;;; Sorting lists

(check "sorted?" (list (sorted? '(1 2 2 3) <) (sorted? '(1 3 2) <) (sorted? '() <) (sorted? '(5) <) (sorted? '(3 2 1) >)))
(check "sorted? vectors" (list (sorted? #(1 2 3) <) (sorted? #(2 1) <) (sorted? #() <)))
(check "sorted? single element ignores proc" (sorted? '(1) 5))
(check "sorted? atom" (sorted? 5 <))
(check "sorted? dotted" (sorted? '(1 . 2) <))
(check "sort-list" (list (sort-list '(3 1 2) <) (sort-list '() <) (sort-list (list "pear" "fig" "apple") string<?)))
(check "sort-list stable" (sort-list '((1 . a) (0 . b) (1 . c) (0 . d)) (lambda (a b) (< (car a) (car b)))))
(check "sort-list vector" (sort-list #(3 1 2) <))
(check "sort-list atom" (sort-list 5 <))
(check "sort-list!" (sort-list! (list 3 1 2) <))
(check "sort-list! atom" (sort-list! 5 <))
(check "stable-sort!" (list (stable-sort! (list 3 1 2) <) (let ((v (vector 3 1 2))) (stable-sort! v <) v)))
(check "stable-sort! stable" (stable-sort! (list '(1 . a) '(0 . b) '(1 . c)) (lambda (a b) (< (car a) (car b)))))
(check "stable-sort! atom" (stable-sort! 5 <))
(check "merge!" (list (merge! (list 1 3) (list 2 4) <) (merge! '() (list 1) <) (merge! (list 1) '() <)))
(check "merge! stable" (merge! (list '(1 . a) '(2 . a)) (list '(1 . b) '(2 . b)) (lambda (a b) (< (car a) (car b)))))
(check "merge! atom first" (merge! 5 '(1) <))
(check "merge! atom second" (merge! '(1) 5 <))
