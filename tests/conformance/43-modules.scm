;; guile-args: -L lib
;;; Guile's module system: interfaces, macros across modules, loading, reflection.
;;; Fixture modules live in lib/conf/.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (error-key thunk)
  (catch #t thunk (lambda (key . args) (cons key args))))

;;; Interfaces

(use-modules ((conf base) #:select (shout (twice . dbl))))
(show "select" (list (shout "hi") (dbl 4) (defined? 'twice)))

(use-modules ((conf base) #:hide (twice shout) #:prefix b:))
(show "hide+prefix" (list (b:bump!) (defined? 'b:twice) (defined? 'b:shout)))

(use-modules ((conf base) #:select (twice) #:prefix p:))
(show "select+prefix" (list (p:twice 21) (defined? 'p:shout)))

(use-modules ((conf base) #:renamer (symbol-prefix-proc 'r:)))
(show "renamer" (list (r:twice 5) (r:shout "r")))

(show "select unexported"
      (error-key (lambda () (eval '(use-modules ((conf base) #:select (%helper))) (current-module)))))

;;; Exports: define-public, export after the fact, (internal . public), re-export

(use-modules ((conf base) #:select (publicly later-exported public-name)))
(show "define-public" (publicly 1))
(show "late export" later-exported)
(show "renamed export" (public-name))
(use-modules (conf reexport))
(show "re-export" (list (loud "a") (eq? shout (@ (conf base) shout))))

;;; Shared variables: the importer sees the exporter's assignments

(use-modules ((conf base) #:select (counter bump!)))
(show "shared before" counter)
(bump!)
(show "shared after" counter)

;;; Macros expand to their own module's bindings, private helpers included

(use-modules ((conf base) #:select (with-helper my-or define-getter)))
(define (%helper x) 'user-helper)
(define t 5)
(show "private helper" (with-helper 1))
(show "hygiene" (list (my-or #f t) (let ((t 7)) (my-or #f t)) (my-or #f #f)))
(define-getter get-it 'x)
(show "macro-made definition" (get-it))
(show "user helper untouched" (%helper 0))

;;; #:replace overrides a core binding without a warning

(use-modules (conf usereplace))
(show "replaced length" replaced-result)
(show "core length here" (length '(1 2 3)))

;;; @ and @@

(show "@" ((@ (conf base) shout) "at"))
(show "@@ private" ((@@ (conf base) %helper) 2))
(show "@ core autoload" (procedure? (@ (guile) and-map)))
(show "@ private is unbound" (error-key (lambda () (eval '(@ (conf base) %helper) (current-module)))))
(show "@@ missing" (error-key (lambda () (eval '(@@ (conf base) nowhere) (current-module)))))

;;; Reflection

(define base (resolve-module '(conf base)))
(show "module?" (list (module? base) (module? 'base) (module-name base)))
(show "module-ref" (list ((module-ref base 'twice 'none) 3) (module-ref base 'nowhere 'none)))
(show "module-ref private" ((module-ref base '%helper) 3))
(show "module-variable" (list (variable? (module-variable base 'counter))
                              (variable-ref (module-variable base 'counter))
                              (module-variable base 'nowhere)))
(show "defined? in module" (list (defined? '%helper base) (defined? '%helper)))
(show "module-bound?" (list (module-bound? base 'shout) (module-bound? base 'nowhere)))
(define iface (resolve-interface '(conf base) #:select '(shout)))
(show "interface" (list (module? iface) ((module-ref iface 'shout) "i") (module-ref iface 'twice 'hidden)))
(show "public interface" (list (eq? (module-public-interface base) (module-public-interface base))
                               (module-ref (module-public-interface base) '%helper 'private)))
(show "module-map" (sort (module-map (lambda (name var) name) (resolve-interface '(conf reexport)))
                         (lambda (a b) (string<? (symbol->string a) (symbol->string b)))))
(define fresh (resolve-module '(conf fresh)))
(module-use! fresh (resolve-interface '(conf base) #:select '(twice)))
(module-define! fresh 'own 'mine)
(show "module-use!" (list ((module-ref fresh 'twice 'none) 4) (module-ref fresh 'own)))
(show "current-module" (module-name (current-module)))
(show "resolve-module #:ensure #f" (resolve-module '(conf never-made) #:ensure #f))
(show "missing module" (error-key (lambda () (eval '(use-modules (conf nowhere)) (current-module)))))

;;; Loading once, autoload, cycles

(use-modules (conf counter))
(use-modules (conf counter))
(show "loaded once" counter-value)

(use-modules (conf autouser))
(display "autouser loaded\n")
(show "autoload" (call-lazy))
(show "autoload names only" (lazy-g-visible?))

(use-modules (conf cyc a) (conf cyc b))
(show "cycle" (list (a-uses-b) (b-uses-a)))

;;; load, include, eval

(load "lib/conf/loading/child.scm")
(show "load relative" (list child-value sibling-value))
(primitive-load "lib/conf/loading/sibling.scm")
(show "primitive-load" sibling-value)
(include "lib/conf/loading/inc.scm")
(show "include" (included-proc))
(show "current-filename" (string-suffix? "/43-modules.scm" (current-filename)))

(show "eval" (eval '(begin (define from-eval 1) (+ from-eval 1)) (current-module)))
(show "eval defined" from-eval)
(show "eval in module" (eval '(%helper 'e) base))
(show "primitive-eval" (primitive-eval '(dbl 4)))
(show "interaction-environment" (eq? (interaction-environment) (current-module)))

;;; The load path

(show "%load-path" (and (list? %load-path) (string? (car %load-path))))
(add-to-load-path "lib/extra")
(use-modules (conf2 found))
(show "add-to-load-path" found-via)
