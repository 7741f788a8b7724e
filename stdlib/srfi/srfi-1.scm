;;; (srfi srfi-1) --- the SRFI-1 list library, with Guile's behaviour

;;; Commentary:
;;;
;;; Procedures that Guile's (srfi srfi-1) shares with the default
;;; environment are re-exported; the others are defined here.  Where Guile
;;; implements one in C its errors name the argument position; where it
;;; implements one in Scheme they read "Wrong type argument: ~S", and both
;;; shapes are reproduced.
;;;
;;; List builders are loops that accumulate in reverse.  The final
;;; reversal uses `reverse', not `reverse!', whenever a user procedure ran
;;; during the loop: a continuation captured there may return again and
;;; must find its partial result intact.
;;;
;;; The procedures that shadow core bindings (map, member, delete...) come
;;; first: a reference compiled before a module's own definition would
;;; bind the imported variable.
;;;
;;; Code:

(define-module (srfi srfi-1)
  #:re-export (cons list cons* make-list iota
               pair? null? car cdr set-car! set-cdr!
               caar cadr cdar cddr caaar caadr cadar caddr cdaar cdadr cddar cdddr
               caaaar caaadr caadar caaddr cadaar cadadr caddar cadddr
               cdaaar cdaadr cdadar cdaddr cddaar cddadr cdddar cddddr
               list-ref last-pair length append append! reverse reverse!
               filter filter! memq memv assq assv)
  #:replace (map for-each map-in-order member assoc delete delete! list-copy list-index
            append-reverse!)
  #:export (xcons list-tabulate circular-list
            proper-list? circular-list? dotted-list? not-pair? null-list? list=
            first second third fourth fifth sixth seventh eighth ninth tenth
            car+cdr take drop take-right drop-right take! drop-right!
            split-at split-at! last length+ concatenate concatenate!
            append-reverse zip unzip1 unzip2 unzip3 unzip4 unzip5
            count fold fold-right pair-fold pair-fold-right unfold unfold-right
            reduce reduce-right append-map append-map! map! pair-for-each filter-map
            partition remove partition! remove!
            find find-tail any every take-while take-while! drop-while
            span span! break break!
            delete-duplicates delete-duplicates!
            alist-cons alist-copy alist-delete alist-delete!
            lset<= lset= lset-adjoin lset-union lset-union! lset-intersection
            lset-intersection! lset-difference lset-difference! lset-xor lset-xor!
            lset-diff+intersection lset-diff+intersection!))

;;; Argument checks

(define (bad-arg who x)
  "Raise the error Guile's Scheme-level SRFI-1 procedures raise for a bad argument."
  (scm-error 'wrong-type-arg who "Wrong type argument: ~S" (list x) '()))

(define (check-proc who x)
  (unless (procedure? x) (bad-arg who x)))

(define (bad-position who pos x)
  "Raise the error of a C procedure for argument POS."
  (scm-error 'wrong-type-arg who "Wrong type argument in position ~A: ~S" (list pos x) (list x)))

(define (bad-list who pos x)
  "Raise the error of a C procedure that found X where a list should go on."
  (scm-error 'wrong-type-arg who "Wrong type argument in position ~A (expecting ~A): ~S"
             (list pos "list" x) (list x)))

(define (dotted-end who pos l)
  "Raise WHO's error for the end of L, a chain of pairs that does not end in '()."
  (let lp ((p l))
    (if (pair? p) (lp (cdr p)) (bad-list who pos p))))

(define (check-proc-position who pos x)
  (unless (procedure? x) (bad-position who pos x)))

;;; Walking several lists at once

(define (cars ls)
  (if (null? ls) '() (cons (car (car ls)) (cars (cdr ls)))))

(define (cdrs ls)
  (if (null? ls) '() (cons (cdr (car ls)) (cdrs (cdr ls)))))

(define (any-null? ls)
  (and (pair? ls) (or (null? (car ls)) (any-null? (cdr ls)))))

(define (shortest-length who lists)
  "The length of the shortest finite list of LISTS; an error if all are circular."
  (let lp ((ls lists) (n #f))
    (if (pair? ls)
        (let ((len (length+ (car ls))))
          (lp (cdr ls) (if (and n len) (min n len) (or n len))))
        (or n
            (scm-error 'wrong-type-arg who "Args do not contain a proper (finite) list: ~S"
                       (list lists) #f)))))

;;; The procedures that replace core ones

(define (map f l . ls)
  "Apply F element-wise to the lists, stopping at the end of the shortest one."
  (check-proc "map" f)
  (cond
   ((null? ls)
    (unless (list? l) (bad-arg "map" l))
    (let lp ((l l) (acc '()))
      (if (pair? l)
          (lp (cdr l) (cons (f (car l)) acc))
          (reverse acc))))
   ((null? (cdr ls))
    (let lp ((n (shortest-length "map" (cons l ls))) (a l) (b (car ls)) (acc '()))
      (if (zero? n)
          (reverse acc)
          (lp (- n 1) (cdr a) (cdr b) (cons (f (car a) (car b)) acc)))))
   (else
    (let lp ((n (shortest-length "map" (cons l ls))) (ls (cons l ls)) (acc '()))
      (if (zero? n)
          (reverse acc)
          (lp (- n 1) (cdrs ls) (cons (apply f (cars ls)) acc)))))))

(define map-in-order map)

(define map! map)

(define (for-each f l . ls)
  "Apply F element-wise to the lists for effect, stopping at the end of the shortest one."
  (check-proc "for-each" f)
  (cond
   ((null? ls)
    (unless (list? l) (bad-arg "for-each" l))
    (let lp ((l l))
      (when (pair? l)
        (f (car l))
        (lp (cdr l)))))
   ((null? (cdr ls))
    (let lp ((n (shortest-length "for-each" (cons l ls))) (a l) (b (car ls)))
      (unless (zero? n)
        (f (car a) (car b))
        (lp (- n 1) (cdr a) (cdr b)))))
   (else
    (let lp ((n (shortest-length "for-each" (cons l ls))) (ls (cons l ls)))
      (unless (zero? n)
        (apply f (cars ls))
        (lp (- n 1) (cdrs ls)))))))

(define* (member x l #:optional (same? equal?))
  "The first pair of L whose car is SAME? as X (called as (SAME? X elt)), or #f."
  (cond ((eq? same? eq?) (memq x l))
        ((eq? same? eqv?) (memv x l))
        ((and (eq? same? equal?) (list? l)) ((@ (guile) member) x l))
        (else
         (check-proc "member" same?)
         (find-tail (lambda (y) (same? x y)) l))))

(define* (assoc key alist #:optional (same? equal?))
  "The first entry of ALIST whose key is SAME? as KEY (called as (SAME? KEY k)), or #f."
  (cond ((eq? same? eq?) (assq key alist))
        ((eq? same? eqv?) (assv key alist))
        (else
         (check-proc "assoc" same?)
         (let lp ((a alist))
           (and (pair? a)
                (let ((entry (car a)))
                  (unless (pair? entry) (bad-arg "assoc" entry))
                  (if (same? key (car entry))
                      entry
                      (lp (cdr a)))))))))

(define delete
  ;; L without the elements SAME? as X (called as (SAME? X elt)); with SAME?
  ;; the result shares L's longest tail that keeps all its elements.
  (case-lambda
    ((x l) ((@ (guile) delete) x l))
    ((x l same?)
     (check-proc-position "delete" 3 same?)
     ;; KEPT holds the kept elements reversed, the last SINCE of which lie
     ;; in TAIL, the part of L after the last deleted element.
     (let lp ((p l) (kept '()) (since 0) (tail l))
       (cond ((pair? p)
              (if (same? x (car p))
                  (lp (cdr p) kept 0 (cdr p))
                  (lp (cdr p) (cons (car p) kept) (+ since 1) tail)))
             ((null? p) (append (reverse (list-tail kept since)) tail))
             (else (bad-list "delete" 2 p)))))))

(define delete!
  ;; Unlink from L the elements SAME? as X (called as (SAME? X elt)).
  (case-lambda
    ((x l) ((@ (guile) delete!) x l))
    ((x l same?)
     (check-proc-position "delete!" 3 same?)
     (let lp ((p l) (prev #f) (head l))
       (cond ((pair? p)
              (cond ((not (same? x (car p))) (lp (cdr p) p head))
                    (prev (set-cdr! prev (cdr p)) (lp (cdr p) prev head))
                    (else (lp (cdr p) #f (cdr p)))))
             ((null? p) head)
             (else (bad-list "delete!" 2 p)))))))

(define (list-copy l)
  "A copy of the spine of L, which may be improper."
  (let lp ((p l) (acc '()))
    (if (pair? p)
        (lp (cdr p) (cons (car p) acc))
        (reverse! acc p))))

(define (list-index pred l . ls)
  "The index of the first elements of the lists that satisfy PRED, or #f."
  (check-proc "list-index" pred)
  (if (null? ls)
      (let lp ((l l) (i 0))
        (cond ((null? l) #f)
              ((pred (car l)) i)
              (else (lp (cdr l) (+ i 1)))))
      (let lp ((ls (cons l ls)) (i 0))
        (cond ((any-null? ls) #f)
              ((apply pred (cars ls)) i)
              (else (lp (cdrs ls) (+ i 1)))))))

;;; Constructors

(define (xcons d a)
  "(cons A D): handy as an argument to fold."
  (cons a d))

(define (list-tabulate n init)
  "The list of (INIT i) for i below N; INIT is applied from the last index down."
  (unless (and (integer? n) (>= n 0)) (bad-arg "list-tabulate" n))
  (let lp ((n n) (acc '()))
    (if (<= n 0)
        acc
        (lp (- n 1) (cons (init (- n 1)) acc)))))

(define (circular-list x . xs)
  "A list of the arguments whose last cdr points back to its first pair."
  (let ((l (cons x xs)))
    (set-cdr! (last-pair l) l)
    l))

;;; Predicates

(define (proper-list? x)
  "True for a finite list ending in '()."
  (list? x))

(define (circular-list? x)
  "True for a list that never ends."
  (let lp ((slow x) (fast x))
    (and (pair? fast)
         (let ((fast (cdr fast)))
           (and (pair? fast)
                (let ((fast (cdr fast)) (slow (cdr slow)))
                  (or (eq? fast slow) (lp slow fast))))))))

(define (dotted-list? x)
  "True for a finite chain of pairs that ends in something other than '()."
  (let lp ((slow x) (fast x))
    (cond ((null? fast) #f)
          ((not (pair? fast)) #t)
          (else
           (let ((fast (cdr fast)))
             (cond ((null? fast) #f)
                   ((not (pair? fast)) #t)
                   (else
                    (let ((fast (cdr fast)) (slow (cdr slow)))
                      (and (not (eq? fast slow)) (lp slow fast))))))))))

(define (not-pair? x)
  "(not (pair? X)): the end test for lists that may be dotted."
  (not (pair? x)))

(define (null-list? l)
  "True for '(), false for a pair; an error for a dotted list."
  (cond ((list? l) (null? l))
        ((circular-list? l) #f)
        (else (scm-error 'misc-error #f "not a proper list in null-list?" '() #f))))

(define (list= same? . lists)
  "True when each list is element-wise SAME? as the next."
  (check-proc "list=" same?)
  (define (equal-lists? a b)
    (cond ((null? a) (null? b))
          ((null? b) #f)
          (else (and (same? (car a) (car b)) (equal-lists? (cdr a) (cdr b))))))
  (let lp ((ls lists))
    (or (null? ls)
        (null? (cdr ls))
        (and (equal-lists? (car ls) (cadr ls))
             (lp (cdr ls))))))

;;; Selectors

(define first car)
(define second cadr)
(define third caddr)
(define fourth cadddr)
(define (fifth l) (car (cddddr* l)))
(define (sixth l) (cadr (cddddr* l)))
(define (seventh l) (caddr (cddddr* l)))
(define (eighth l) (cadddr (cddddr* l)))
(define (ninth l) (car (cddddr* (cddddr* l))))
(define (tenth l) (cadr (cddddr* (cddddr* l))))

(define (cddddr* l)
  "cddddr with cdr's errors, as Guile's compiled selectors report them."
  (cdr (cdr (cdr (cdr l)))))

(define (car+cdr p)
  "The car and the cdr of P, as two values."
  (values (car p) (cdr p)))

(define take list-head)
(define drop list-tail)

(define (take-right l k)
  "The last K pairs of L (sharing them)."
  (let lp ((lag l) (lead (drop l k)))
    (if (pair? lead)
        (lp (cdr lag) (cdr lead))
        lag)))

(define (drop-right l k)
  "A fresh list of all but the last K elements of L."
  (let lp ((lag l) (lead (drop l k)) (acc '()))
    (if (pair? lead)
        (lp (cdr lag) (cdr lead) (cons (car lag) acc))
        (reverse! acc))))

(define (take! l k)
  "The first K elements of L, cutting L after them."
  (if (= k 0)
      '()
      (begin
        (set-cdr! (drop l (- k 1)) '())
        l)))

(define (drop-right! l k)
  "All but the last K elements of L, cutting L before them."
  (let ((lead (drop l k)))
    (if (null? lead)
        '()
        (let lp ((lag l) (lead (cdr lead)))
          (if (null? lead)
              (begin (set-cdr! lag '()) l)
              (lp (cdr lag) (cdr lead)))))))

(define (split-at l k)
  "The first K elements of L as a fresh list, and the rest, as two values."
  (when (< k 0)
    (scm-error 'out-of-range 'split-at "Value out of range: ~A" (list k) (list k)))
  (let lp ((l l) (k k) (acc '()))
    (if (<= k 0)
        (values (reverse! acc) l)
        (let ((rest (cdr l)))
          (lp rest (- k 1) (cons (car l) acc))))))

(define (split-at! l k)
  "Like split-at, cutting L after its first K pairs."
  (cond ((< k 0)
         (scm-error 'out-of-range 'split-at! "Value out of range: ~A" (list k) (list k)))
        ((= k 0) (values '() l))
        (else
         (let lp ((p l) (k (- k 1)))
           (if (<= k 0)
               (let ((rest (cdr p)))
                 (set-cdr! p '())
                 (values l rest))
               (lp (cdr p) (- k 1)))))))

(define (last l)
  "The last element of the non-empty list L."
  (car (last-pair l)))

;;; Lengths, concatenation, reversal, zipping, counting

(define (length+ l)
  "The length of L, or #f if L is circular."
  (cond ((list? l) (length l))
        ((circular-list? l) #f)
        (else (scm-error 'wrong-type-arg "length+"
                         "Wrong type argument in position ~A (expecting ~A): ~S"
                         (list 1 "proper or circular list" l) (list l)))))

(define (concatenate lists)
  "(apply append LISTS)."
  (unless (list? lists) (bad-position "concatenate" 1 lists))
  (apply append lists))

(define (concatenate! lists)
  "(apply append! LISTS)."
  (unless (list? lists) (bad-position "concatenate!" 1 lists))
  (apply append! lists))

(define (append-reverse rev tail)
  "(append (reverse REV) TAIL)."
  (unless (list? rev) (dotted-end "append-reverse" 1 rev))
  (append (reverse rev) tail))

(define (append-reverse! rev tail)
  "(append! (reverse! REV) TAIL), reusing the pairs of REV."
  (unless (list? rev) (dotted-end "append-reverse!" 1 rev))
  (reverse! rev tail))

(define (zip l . ls)
  "The list of lists of the elements at each index, up to the shortest list."
  (apply map list l ls))

(define (unzip1 l) (map car l))

(define (unzip2 l)
  (values (map car l) (map cadr l)))

(define (unzip3 l)
  (values (map car l) (map cadr l) (map caddr l)))

(define (unzip4 l)
  (values (map car l) (map cadr l) (map caddr l) (map cadddr l)))

(define (unzip5 l)
  (values (map car l) (map cadr l) (map caddr l) (map cadddr l) (map fifth l)))

(define (count pred l . ls)
  "How many of the elements (or sets of elements) of the lists satisfy PRED."
  (check-proc-position "count" 1 pred)
  (if (null? ls)
      (let lp ((l l) (n 0))
        (cond ((pair? l) (lp (cdr l) (if (pred (car l)) (+ n 1) n)))
              ((null? l) n)
              (else (bad-list "count" 2 l))))
      (let lp ((ls (cons l ls)) (n 0))
        (let check ((rest ls) (pos 2))
          (cond ((null? rest)
                 (lp (cdrs ls) (if (apply pred (cars ls)) (+ n 1) n)))
                ((pair? (car rest)) (check (cdr rest) (+ pos 1)))
                ((null? (car rest)) n)
                (else (bad-list "count" pos (car rest))))))))

;;; Folds and unfolds

(define (fold kons knil l . ls)
  "Combine the elements with KONS from the left: (KONS elt ... acc), starting from KNIL."
  (check-proc "fold" kons)
  (cond
   ((null? ls)
    (unless (list? l) (bad-arg "fold" l))
    (let lp ((l l) (acc knil))
      (if (pair? l)
          (lp (cdr l) (kons (car l) acc))
          acc)))
   ((null? (cdr ls))
    (let lp ((n (shortest-length "fold" (cons l ls))) (a l) (b (car ls)) (acc knil))
      (if (zero? n)
          acc
          (lp (- n 1) (cdr a) (cdr b) (kons (car a) (car b) acc)))))
   (else
    (let lp ((ls (cons l ls)) (acc knil))
      (if (any-null? ls)
          acc
          (let ((args (cars ls)) (next (cdrs ls)))
            (lp next (apply kons (append args (list acc))))))))))

(define (fold-right kons knil l . ls)
  "Combine the elements with KONS from the right: (KONS elt ... acc), starting from KNIL.
With several lists Guile aligns them at their ends."
  (check-proc "fold-right" kons)
  (if (null? ls)
      (let lp ((l (reverse l)) (acc knil))
        (if (null? l)
            acc
            (lp (cdr l) (kons (car l) acc))))
      (let lp ((ls (map reverse (cons l ls))) (acc knil))
        (if (any-null? ls)
            acc
            (lp (cdrs ls) (apply kons (append (cars ls) (list acc))))))))

(define (pair-fold kons knil l . ls)
  "Like fold, but KONS receives the successive pairs (it may alter their cdrs)."
  (check-proc "pair-fold" kons)
  (if (null? ls)
      (let lp ((l l) (acc knil))
        (if (null? l)
            acc
            (let ((next (cdr l)))
              (lp next (kons l acc)))))
      (let lp ((ls (cons l ls)) (acc knil))
        (if (any-null? ls)
            acc
            (let ((next (cdrs ls)))
              (lp next (apply kons (append ls (list acc)))))))))

(define (pair-fold-right kons knil l . ls)
  "Like fold-right, but KONS receives the successive pairs."
  (check-proc "pair-fold-right" kons)
  (if (null? ls)
      (let collect ((l l) (pairs '()))
        (if (null? l)
            (fold kons knil pairs)
            (collect (cdr l) (cons l pairs))))
      (let collect ((ls (cons l ls)) (tails '()))
        (if (any-null? ls)
            (fold (lambda (ls acc) (apply kons (append ls (list acc)))) knil tails)
            (collect (cdrs ls) (cons ls tails))))))

(define (no-tail seed) '())

(define* (unfold stop? mapper successor seed #:optional (tail-gen no-tail))
  "The list of (MAPPER seed) for the seeds from SEED by SUCCESSOR until STOP?, ending in (TAIL-GEN seed)."
  (check-proc "unfold" stop?)
  (check-proc "unfold" mapper)
  (check-proc "unfold" successor)
  (check-proc "unfold" tail-gen)
  (let lp ((seed seed) (acc '()))
    (if (stop? seed)
        (append (reverse acc) (tail-gen seed))
        (let ((next (successor seed)))
          (lp next (cons (mapper seed) acc))))))

(define* (unfold-right stop? mapper successor seed #:optional (tail '()))
  "Like unfold, but the first seed's element ends up last, in front of TAIL."
  (check-proc "unfold-right" stop?)
  (check-proc "unfold-right" mapper)
  (check-proc "unfold-right" successor)
  (let lp ((seed seed) (acc tail))
    (if (stop? seed)
        acc
        (let ((next (successor seed)))
          (lp next (cons (mapper seed) acc))))))

(define (reduce f ridentity l)
  "fold F over L starting from its first element; RIDENTITY if L is empty."
  (check-proc "reduce" f)
  (if (null? l)
      ridentity
      (fold f (car l) (cdr l))))

(define (reduce-right f ridentity l)
  "fold-right F over L starting from its last element; RIDENTITY if L is empty."
  (check-proc "reduce" f)
  (if (null? l)
      ridentity
      (fold-right f (last l) (drop-right l 1))))

;;; Mapping

(define (append-map f l . ls)
  "(concatenate (map F L ...))."
  (concatenate (apply map f l ls)))

(define (append-map! f l . ls)
  "(concatenate! (map F L ...))."
  (concatenate! (apply map f l ls)))

(define (pair-for-each f l . ls)
  "Call F on the successive pairs of the lists."
  (check-proc "pair-for-each" f)
  (if (null? ls)
      (let lp ((l l))
        (unless (null? l)
          (f l)
          (lp (cdr l))))
      (let lp ((ls (cons l ls)))
        (unless (any-null? ls)
          (apply f ls)
          (lp (cdrs ls))))))

(define (filter-map f l . ls)
  "The true results of F on the elements of the lists, in order."
  (check-proc "filter-map" f)
  (if (null? ls)
      (let lp ((l l) (acc '()))
        (if (null? l)
            (reverse acc)
            (let ((x (f (car l))))
              (lp (cdr l) (if x (cons x acc) acc)))))
      (let lp ((ls (cons l ls)) (acc '()))
        (if (any-null? ls)
            (reverse acc)
            (let ((x (apply f (cars ls))))
              (lp (cdrs ls) (if x (cons x acc) acc)))))))

;;; Filtering and partitioning

(define (partition pred l)
  "The elements of L that satisfy PRED and those that do not, as two values."
  (check-proc-position "partition" 1 pred)
  (unless (list? l) (bad-position "partition" 2 l))
  (let lp ((l l) (in '()) (out '()))
    (cond ((null? l) (values (reverse in) (reverse out)))
          ((pred (car l)) (lp (cdr l) (cons (car l) in) out))
          (else (lp (cdr l) in (cons (car l) out))))))

(define (remove pred l)
  "The elements of L that do not satisfy PRED."
  (check-proc-position "remove" 1 pred)
  (unless (list? l) (bad-position "remove" 2 l))
  (let lp ((l l) (acc '()))
    (cond ((null? l) (reverse acc))
          ((pred (car l)) (lp (cdr l) acc))
          (else (lp (cdr l) (cons (car l) acc))))))

(define (partition! pred l)
  "Like partition, relinking the pairs of L."
  (check-proc-position "partition!" 1 pred)
  (unless (list? l) (dotted-end "partition!" 2 l))
  (let ((in (list #f)) (out (list #f)))
    (let lp ((l l) (in-end in) (out-end out))
      (cond ((null? l)
             (set-cdr! in-end '())
             (set-cdr! out-end '())
             (values (cdr in) (cdr out)))
            ((pred (car l))
             (set-cdr! in-end l)
             (lp (cdr l) l out-end))
            (else
             (set-cdr! out-end l)
             (lp (cdr l) in-end l))))))

(define (remove! pred l)
  "Like remove, relinking the pairs of L."
  (check-proc-position "remove!" 1 pred)
  (unless (list? l) (bad-position "remove!" 2 l))
  (let ((head (list #f)))
    (let lp ((l l) (end head))
      (cond ((null? l)
             (set-cdr! end '())
             (cdr head))
            ((pred (car l)) (lp (cdr l) end))
            (else
             (set-cdr! end l)
             (lp (cdr l) l))))))

;;; Searching

(define (find pred l)
  "The first element of L that satisfies PRED, or #f."
  (check-proc "find" pred)
  (let lp ((l l))
    (and (not (null? l))
         (let ((x (car l)))
           (if (pred x) x (lp (cdr l)))))))

(define (find-tail pred l)
  "The first pair of L whose car satisfies PRED, or #f."
  (check-proc "find-tail" pred)
  (let lp ((l l))
    (and (not (null? l))
         (if (pred (car l)) l (lp (cdr l))))))

(define (take-while pred l)
  "The longest prefix of L whose elements satisfy PRED, as a fresh list."
  (check-proc "take-while" pred)
  (let lp ((l l) (acc '()))
    (if (and (not (null? l)) (pred (car l)))
        (lp (cdr l) (cons (car l) acc))
        (reverse acc))))

(define (take-while! pred l)
  "Like take-while, cutting L after the prefix."
  (check-proc "take-while!" pred)
  (let lp ((prev #f) (p l))
    (cond ((null? p) l)
          ((pred (car p)) (lp p (cdr p)))
          (prev (set-cdr! prev '()) l)
          (else '()))))

(define (drop-while pred l)
  "L without its longest prefix whose elements satisfy PRED."
  (check-proc "drop-while" pred)
  (let lp ((l l))
    (if (and (not (null? l)) (pred (car l)))
        (lp (cdr l))
        l)))

(define (span pred l)
  "(take-while PRED L) and (drop-while PRED L), as two values."
  (check-proc "span" pred)
  (let lp ((l l) (acc '()))
    (if (and (not (null? l)) (pred (car l)))
        (lp (cdr l) (cons (car l) acc))
        (values (reverse acc) l))))

(define (span! pred l)
  "Like span, cutting L after the prefix."
  (check-proc "span!" pred)
  (split-where! (lambda (x) (not (pred x))) l))

(define (split-where! stop? l)
  "L cut before its first element that satisfies STOP?, and the rest, as two values."
  (let lp ((prev #f) (p l))
    (cond ((null? p) (values l '()))
          ((not (stop? (car p))) (lp p (cdr p)))
          (prev (set-cdr! prev '()) (values l p))
          (else (values '() l)))))

(define (break pred l)
  "(span (negation of PRED) L)."
  (check-proc "break" pred)
  (let lp ((l l) (acc '()))
    (if (or (null? l) (pred (car l)))
        (values (reverse acc) l)
        (lp (cdr l) (cons (car l) acc)))))

(define (break! pred l)
  "Like break, cutting L after the prefix."
  (check-proc "break!" pred)
  (split-where! pred l))

(define (any pred l . ls)
  "The first true value of PRED on the elements of the lists, or #f; the last call is a tail call."
  (check-proc "any" pred)
  (if (null? ls)
      (let lp ((l l))
        (cond ((null? l) #f)
              ((null? (cdr l)) (pred (car l)))
              (else (or (pred (car l)) (lp (cdr l))))))
      (let lp ((ls (cons l ls)))
        (cond ((any-null? ls) #f)
              ((any-null? (cdrs ls)) (apply pred (cars ls)))
              (else (or (apply pred (cars ls)) (lp (cdrs ls))))))))

(define (every pred l . ls)
  "#f if PRED fails on some elements of the lists, else its last value (#t for none)."
  (check-proc "every" pred)
  (if (null? ls)
      (let lp ((l l))
        (cond ((null? l) #t)
              ((null? (cdr l)) (pred (car l)))
              (else (and (pred (car l)) (lp (cdr l))))))
      (let lp ((ls (cons l ls)))
        (cond ((any-null? ls) #t)
              ((any-null? (cdrs ls)) (apply pred (cars ls)))
              (else (and (apply pred (cars ls)) (lp (cdrs ls))))))))

;;; Deletion

(define* (delete-duplicates l #:optional (same? equal?))
  "L without the elements SAME? as an earlier one, called as (SAME? earlier later)."
  (unless (list? l) (dotted-end "delete-duplicates" 1 l))
  (check-proc-position "delete-duplicates" 2 same?)
  (keep-firsts same? l))

(define* (delete-duplicates! l #:optional (same? equal?))
  "Like delete-duplicates (the result shares no pairs with L)."
  (unless (list? l) (dotted-end "delete-duplicates!" 1 l))
  (check-proc-position "delete-duplicates!" 2 same?)
  (keep-firsts same? l))

(define (keep-firsts same? l)
  "The elements of L not SAME? as an earlier kept one, comparing oldest first."
  (let ((head (list #f)))
    (let lp ((l l) (end head))
      (cond ((null? l) (cdr head))
            ((let seen? ((k (cdr head)))
               (and (pair? k) (or (same? (car k) (car l)) (seen? (cdr k)))))
             (lp (cdr l) end))
            (else
             (let ((cell (list (car l))))
               (set-cdr! end cell)
               (lp (cdr l) cell)))))))

;;; Association lists

(define alist-cons acons)

(define (alist-copy alist)
  "A copy of ALIST with fresh entry pairs."
  (let lp ((a alist) (acc '()))
    (if (null? a)
        (reverse! acc)
        (lp (cdr a) (acons (caar a) (cdar a) acc)))))

(define* (alist-delete key alist #:optional (same? equal?))
  "ALIST without the entries whose key is SAME? as KEY (called as (SAME? KEY k))."
  (check-proc "alist-delete" same?)
  (let lp ((a alist) (acc '()))
    (cond ((null? a) (reverse acc))
          ((same? key (caar a)) (lp (cdr a) acc))
          (else (lp (cdr a) (cons (car a) acc))))))

(define* (alist-delete! key alist #:optional (same? equal?))
  "alist-delete (it does not reuse ALIST's pairs)."
  (alist-delete key alist same?))

;;; Lists as sets

(define (flipped same?)
  "SAME? with its arguments swapped; eq? and eqv? as they are, so member can use memq/memv."
  (if (or (eq? same? eq?) (eq? same? eqv?))
      same?
      (lambda (x y) (same? y x))))

(define (subset? same? a b)
  (every (lambda (x) (member x b same?)) a))

(define (lset<= same? . lists)
  "True when each list is a subset of the next."
  (check-proc "lset<=" same?)
  (let lp ((ls lists))
    (or (null? ls)
        (null? (cdr ls))
        (and (subset? same? (car ls) (cadr ls))
             (lp (cdr ls))))))

(define (lset= same? . lists)
  "True when all the lists have the same elements."
  (check-proc "lset<=" same?)
  (let lp ((ls lists))
    (or (null? ls)
        (null? (cdr ls))
        (and (subset? same? (car ls) (cadr ls))
             (subset? (lambda (x y) (same? y x)) (cadr ls) (car ls))
             (lp (cdr ls))))))

(define (lset-adjoin same? l . elts)
  "L with the ELTS not already in it consed on, one at a time."
  (unless (or (eq? same? eq?) (eq? same? eqv?)) (check-proc "lset-adjoin" same?))
  (let ((same? (flipped same?)))
    (let lp ((set l) (elts elts))
      (cond ((null? elts) set)
            ((member (car elts) set same?) (lp set (cdr elts)))
            (else (lp (cons (car elts) set) (cdr elts)))))))

(define (lset-union same? . lists)
  "The union of the lists: the elements of each list missing so far are consed on."
  (unless (or (eq? same? eq?) (eq? same? eqv?)) (check-proc "lset-union" same?))
  (let ((same? (flipped same?)))
    (fold (lambda (l set)
            (cond ((null? l) set)
                  ((null? set) l)
                  ((eq? l set) set)
                  (else (fold (lambda (x set) (if (member x set same?) set (cons x set)))
                              set l))))
          '()
          lists)))

(define (in-all? same? x lists)
  (every (lambda (other) (member x other same?)) lists))

(define (in-any? same? x lists)
  (any (lambda (other) (member x other same?)) lists))

(define (lset-intersection same? l . lists)
  "The elements of L that are in every one of LISTS."
  (check-proc "lset-intersection" same?)
  (let lp ((l l) (acc '()))
    (cond ((null? l) (reverse acc))
          ((in-all? same? (car l) lists) (lp (cdr l) (cons (car l) acc)))
          (else (lp (cdr l) acc)))))

(define (lset-difference same? l . lists)
  "The elements of L that are in none of LISTS (L itself if there are none)."
  (check-proc "lset-difference" same?)
  (if (null? lists)
      l
      (let lp ((l l) (acc '()))
        (cond ((null? l) (reverse acc))
              ((in-any? same? (car l) lists) (lp (cdr l) acc))
              (else (lp (cdr l) (cons (car l) acc)))))))

(define (lset-xor same? . lists)
  "The elements that are in an odd number of the lists."
  (check-proc "lset-xor" same?)
  (fold (lambda (l set)
          (let lp ((p l) (acc '()))
            (if (null? p)
                (let lp ((r set) (acc acc))
                  (cond ((null? r) (reverse acc))
                        ((member (car r) l same?) (lp (cdr r) acc))
                        (else (lp (cdr r) (cons (car r) acc)))))
                (lp (cdr p) (if (member (car p) set same?) acc (cons (car p) acc))))))
        '()
        lists))

(define (lset-diff+intersection same? l . lists)
  "(lset-difference ...) and (lset-intersection ...) of L and LISTS, as two values."
  (check-proc "lset-diff+intersection" same?)
  (let lp ((l l) (diff '()) (common '()))
    (cond ((null? l) (values (reverse diff) (reverse common)))
          ((in-all? same? (car l) lists) (lp (cdr l) diff (cons (car l) common)))
          (else (lp (cdr l) (cons (car l) diff) common)))))

(define (lset-union! same? . lists)
  "lset-union (it does not reuse the pairs of the lists)."
  (check-proc "lset-union!" same?)
  (apply lset-union same? lists))

(define (lset-intersection! same? l . lists)
  "lset-intersection (it does not reuse the pairs of L)."
  (check-proc "lset-intersection!" same?)
  (apply lset-intersection same? l lists))

(define (lset-difference! same? l . lists)
  "lset-difference, after checking its arguments the way Guile's C version does."
  (check-proc-position "lset-difference!" 1 same?)
  (let check ((ls (cons l lists)) (pos 2))
    (when (pair? ls)
      (unless (list? (car ls)) (dotted-end "lset-difference!" pos (car ls)))
      (check (cdr ls) (+ pos 1))))
  (apply lset-difference same? l lists))

(define (lset-xor! same? . lists)
  "lset-xor (it does not reuse the pairs of the lists)."
  (check-proc "lset-xor!" same?)
  (apply lset-xor same? lists))

(define (lset-diff+intersection! same? l . lists)
  "lset-diff+intersection (it does not reuse the pairs of L)."
  (check-proc "lset-diff+intersection!" same?)
  (apply lset-diff+intersection same? l lists))

;;; srfi-1.scm ends here
