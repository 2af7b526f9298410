"""Minangkabau given names for synthetic residents (no real person behind any combination)."""

LAKI = ("Rustam", "Syafri", "Zulkifli", "Afrizal", "Hendri", "Yusrizal", "Masrul", "Darman", "Jasman", "Nofrizal",
        "Erizal", "Syahrial", "Irwan", "Fadli", "Rahmat", "Andika", "Rizki", "Fauzan", "Arif", "Iqbal", "Yulizar",
        "Amril", "Basri", "Chairul", "Dasril", "Efendi", "Firdaus", "Gusri", "Harmen", "Indra", "Jonaidi", "Khairul",
        "Lukman", "Marzuki", "Nasrul", "Oktavianus", "Panji", "Ramadhan", "Sutan", "Taufik", "Usman", "Wendi",
        "Yoserizal", "Zainal", "Alfian", "Bujang", "Dedi", "Ferdian", "Gilang", "Hafiz")
PEREMPUAN = ("Nurhayati", "Yusnimar", "Rosmaniar", "Asnimar", "Fitri", "Yenni", "Rahmi", "Nurlela", "Desi", "Elvi",
             "Syamsinar", "Zuraida", "Aisyah", "Nabila", "Putri", "Salsabila", "Aulia", "Rani", "Dewi", "Mardiana",
             "Nurmala", "Erniwati", "Fatimah", "Gusmawati", "Hasnah", "Irawati", "Jusni", "Khadijah", "Lismawati",
             "Maryam", "Nelli", "Oktaviani", "Rosnida", "Sofia", "Titin", "Upik", "Wahyuni", "Yulia", "Zahra",
             "Anisa", "Delvi", "Fadhilah", "Husna", "Intan", "Kamelia", "Latifah", "Mutia", "Nadia", "Rahma", "Siska")
BELAKANG_LAKI = ("Efendi", "Saputra", "Putra", "Hidayat", "Syahputra", "Rahman", "Chaniago", "Piliang", "Koto",
                 "Melayu", "Tanjung", "Sikumbang", "Jambak", "Fauzi", "Hamdani")
BELAKANG_PEREMPUAN = ("Yanti", "Sari", "Wati", "Ningsih", "Marlina", "Susanti", "Chaniago", "Piliang", "Koto",
                      "Melayu", "Tanjung", "Rahmawati", "Handayani", "Fitriani", "Yuliani")
JORONG = ("Koto Tinggi", "Parak Baru", "Sungai Dadok", "Kapalo Koto", "Bulakan", "Ladang Laweh")
TEMPAT = ("Taram", "Payakumbuh", "Sarilamak", "Bukittinggi", "Padang", "Tanjung Pati", "Suliki")
