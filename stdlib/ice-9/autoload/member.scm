;;; provides: member assoc
;;; member.scm --- member and assoc with an equality predicate

;;; Commentary:
;;;
;;; The two-argument forms are the Python primitives (also bound as
;;; %member and %assoc, since these definitions replace the names).
;;;
;;; Code:

(define member
  (let ((member2 %member))
    (case-lambda
      ((x l) (member2 x l))
      ((x l same?)
       (let lp ((l l))
         (cond ((not (pair? l)) #f)
               ((same? x (car l)) l)
               (else (lp (cdr l)))))))))

(define assoc
  (let ((assoc2 %assoc))
    (case-lambda
      ((x l) (assoc2 x l))
      ((x l same?)
       (let lp ((l l))
         (cond ((not (pair? l)) #f)
               ((same? x (caar l)) (car l))
               (else (lp (cdr l)))))))))

;;; member.scm ends here
