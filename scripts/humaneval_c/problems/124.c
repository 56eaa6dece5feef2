//@ signature
bool valid_date(const char *date)
//@ canonical
    if (strlen(date) != 10) return false;
    for (int i = 0; i < 10; i++) {
        if (i == 2 || i == 5) {
            if (date[i] != '-') return false;
        } else if (date[i] < '0' || date[i] > '9') {
            return false;
        }
    }
    int mm = (date[0] - '0') * 10 + (date[1] - '0');
    int dd = (date[3] - '0') * 10 + (date[4] - '0');
    if (mm < 1 || mm > 12) return false;
    if (dd < 1 || dd > 31) return false;
    if (dd == 31 && (mm == 4 || mm == 6 || mm == 9 || mm == 11 || mm == 2)) return false;
    if (dd == 30 && mm == 2) return false;
    return true;
}
//@ wrong
    (void)date;
    return false;
}
//@ test
int main(void) {
    assert(valid_date("03-11-2000") == true);
    assert(valid_date("15-01-2012") == false);
    assert(valid_date("04-0-2040") == false);
    assert(valid_date("06-04-2020") == true);
    assert(valid_date("01-01-2007") == true);
    assert(valid_date("03-32-2011") == false);
    assert(valid_date("") == false);
    assert(valid_date("04-31-3000") == false);
    assert(valid_date("06-06-2005") == true);
    assert(valid_date("21-31-2000") == false);
    assert(valid_date("04-12-2003") == true);
    assert(valid_date("04122003") == false);
    assert(valid_date("20030412") == false);
    assert(valid_date("2003-04") == false);
    assert(valid_date("2003-04-12") == false);
    assert(valid_date("04-2003") == false);
    return 0;
}
