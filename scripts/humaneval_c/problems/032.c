//@ helper
double poly(const double *xs, size_t xs_len, double x) {
    /*
    Evaluates polynomial with coefficients xs at point x. return xs[0] + xs[1] * x + xs[1] * x^2 + .... xs[n] * x^n
    */
    double sum = 0;
    for (size_t i = 0; i < xs_len; i++)
        sum += xs[i] * pow(x, (double)i);
    return sum;
}
//@ signature
double find_zero(const double *xs, size_t xs_len)
//@ docstring
xs are coefficients of a polynomial. find_zero find x such that poly(x) = 0. find_zero returns only only zero point, even if there are many.
Moreover, find_zero only takes list xs having even number of coefficients and largest non zero coefficient as it guarantees a solution.
>>> round(find_zero([1, 2]), 2) #f(x) = 1 + 2x
-0.5
>>> round(find_zero([-6, 11, -6, 1]), 2) # (x - 1) * (x - 2) * (x - 3) = -6 + 11x - 6x^2 + x^3
1.0
//@ notes
As in the C++ prompt, the helper poly is given before the function; the docstring moves in front of the prompt. The test draws coefficients with rand() (glibc's fixed default seed), as the C++ test does.
//@ canonical
    double ans = 0, value = poly(xs, xs_len, ans);
    while (fabs(value) > 1e-6) {
        double driv = 0;
        for (size_t i = 1; i < xs_len; i++)
            driv += xs[i] * pow(ans, (double)(i - 1)) * (double)i;
        ans = ans - value / driv;
        value = poly(xs, xs_len, ans);
    }
    return ans;
}
//@ wrong
    (void)xs; (void)xs_len;
    return 0;
}
//@ test
int main(void) {
    for (int i = 0; i < 100; i++) {
        int ncoeff = 2 * (1 + rand() % 4);
        double coeffs[8];
        for (int j = 0; j < ncoeff; j++) {
            double coeff = -10 + rand() % 21;
            if (coeff == 0) coeff = 1;
            coeffs[j] = coeff;
        }
        double solution = find_zero(coeffs, (size_t)ncoeff);
        assert(fabs(poly(coeffs, (size_t)ncoeff, solution)) < 1e-3);
    }
    return 0;
}
