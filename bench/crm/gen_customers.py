#!/usr/bin/env python3
"""Writes N customers in Plateau's customer CSV format (docs/CRM.md) on stdout, deterministically.

Customer i (0-based) has id C<i>, the mobile number +2126<8 digits of 10,000,000 + i>, one account A<i>, and every
third customer a second, landline number. bench/crm/lookup.lua asks for the same numbers.
Usage: gen_customers.py N > customers.csv
"""
import random
import sys

FIRST = ["Youssef", "Fatima", "Mohamed", "Khadija", "Omar", "Salma", "Hamza", "Imane", "Karim", "Nadia",
         "Lucía", "Pierre", "Amine", "Sara", "Mehdi", "Leila"]
LAST = ["El Amrani", "Bennani", "Alaoui", "Tazi", "Berrada", "Idrissi", "Chraibi", "Fassi", "Martin", "García",
        "Ouazzani", "Lahlou", "Benjelloun", "Kettani", "Sefrioui", "Naciri"]
CITIES = ["Casablanca", "Rabat", "Tanger", "Oujda", "Fès", "Marrakech", "Agadir", "Kénitra"]
LANGS = ["fr", "ar", "es", "en"]


def main() -> None:
    n = int(sys.argv[1])
    rnd = random.Random(42)
    out = sys.stdout
    out.write("customer_id,name,language,email,address,phones,account_id,account_kind,account_status,balance,"
              "currency,last_payment,last_payment_date\n")
    for i in range(n):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        phones = f"+2126{10_000_000 + i:08d}"
        if i % 3 == 0:
            phones += f"|05{22_000_000 + i % 10_000_000:08d}"
        balance = rnd.randrange(0, 500_000) / 100
        paid = rnd.randrange(0, 100_000) / 100
        out.write(f"C{i},{name},{LANGS[i % 4]},c{i}@example.ma,\"{i % 200 + 1} rue {i % 97}, {CITIES[i % 8]}\","
                  f"{phones},A{i},mobile,active,{balance:.2f},MAD,{paid:.2f},2026-11-{i % 28 + 1:02d}\n")


if __name__ == "__main__":
    main()
