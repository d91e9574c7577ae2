# expect-rules: dockerfile-syntax
This is a README that ended up here.
It has prose, not instructions.

- a list item
