//@ excluded
The input is a heterogeneous list (boost::any of int, float, string, map, vector) and the task is to pick its integers by runtime type; C has no such value type, and a tagged-union encoding would give the answer away.
