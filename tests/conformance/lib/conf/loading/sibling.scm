(define sibling-value 'sibling)
