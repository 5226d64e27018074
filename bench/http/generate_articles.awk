# Writes N synthetic diplomatic news articles as NDJSON (our own template sentences, real office holders),
# for load tests only: each article states a proposal, a reaction, a call and an offer, so every relation
# the benchmark asks for has many facts. Usage: awk -v n=10000 -f generate_articles.awk > articles.ndjson
function capital(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }

BEGIN {
    if (n == "") n = 10000
    srand(42)
    split("Russian President Vladimir Putin|Ukrainian President Volodymyr Zelenskyy|French President Emmanuel Macron|" \
          "Turkish President Recep Tayyip Erdogan|U.S. President Donald Trump|German Chancellor Friedrich Merz|" \
          "British Prime Minister Keir Starmer|Chinese President Xi Jinping|Indian Prime Minister Narendra Modi|" \
          "Brazilian President Luiz Inacio Lula da Silva", leaders, "|")
    split("Russia|Ukraine|France|Turkey|the United States|Germany|the United Kingdom|China|India|Brazil|" \
          "the European Union|NATO|the United Nations|Qatar|Egypt|Saudi Arabia", actors, "|")
    split("a 30-day ceasefire|peace talks in Istanbul|a prisoner exchange|new sanctions|a trade deal|" \
          "security guarantees|a humanitarian corridor|a nuclear deal|a summit in Geneva|a troop withdrawal", proposals, "|")
    split("rejected|welcomed|accepted|criticized|supported", reactions, "|")
    split("offered to host peace talks|proposed a meeting|called for a ceasefire|demanded a prisoner exchange", offers, "|")
    split("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", days, "|")
    split("wire.example|news.example|daily.example|world.example", outlets, "|")
    split("31|28|31|30|31|30|31|31|30|31|30|31", month_days, "|")
    for (i = 1; i <= n; i++) {
        day = (i * 7) % 730
        year = 2024; month = 1
        while (day >= month_days[month] + (month == 2 && year == 2024)) {
            day -= month_days[month] + (month == 2 && year == 2024)
            month++
            if (month > 12) { month = 1; year++ }
        }
        date = sprintf("%04d-%02d-%02d", year, month, day + 1)
        leader = leaders[1 + int(rand() * 10)]
        other = leaders[1 + int(rand() * 10)]
        proposal = proposals[1 + int(rand() * 10)]
        actor = capital(actors[1 + int(rand() * 16)])
        actor2 = capital(actors[1 + int(rand() * 16)])
        text = leader " proposed " proposal " on " days[1 + i % 7] "." \
               " " actor " " reactions[1 + int(rand() * 5)] " the proposal." \
               " " leader " called " other " later that day." \
               " " actor2 " " offers[1 + int(rand() * 4)] " in a statement issued in the evening."
        printf "{\"id\":\"bench-%d\",\"url\":\"https://bench.example/%d\",\"source\":\"%s\",\"published\":\"%s\"," \
               "\"title\":\"Diplomatic round-up %d\",\"text\":\"%s\"}\n", i, i, outlets[1 + i % 4], date, i, text
    }
}
