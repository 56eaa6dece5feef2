//@ excluded
Arguments and result are boost::any values that may be an int, a double or a string, and the answer must come back in the winning argument's own type (or the string "None"); C has no such value type, and a tagged-union encoding would change the task.
