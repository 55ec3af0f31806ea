package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.sms.SmsSigning;
import io.peakgate.support.Fixtures;
import io.peakgate.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The printed statement as a person reads it: the PDF through {@code pdftotext -layout} (poppler-utils), in
 * the supplier's language, with the holder's name as written, balances from billing's snapshots, payments
 * with their provider references, readings with their consumption, and numbered pages. Run with
 * {@code -Dstatement.png=docs/statement-page.png} to render the first page of the Russian one there.
 */
@QuarkusTest
class StatementTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @Test
    void anEsplusStatementIsInRussianWithTheHolderAsWrittenAndBalancesFromSnapshots() throws Exception {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        LocalDate today = LocalDate.now(moscow);
        LocalDate from = today.withDayOfMonth(1).minusMonths(1);
        String account = Fixtures.esplusAccount(ds, "E-7", 1000);
        holder("esplus", account, "Иванова Мария", "г. Екатеринбург, ул. Малышева, д. 5, кв. 12");
        snapshot("esplus", account, 100_000, "RUB", from.minusDays(1).atTime(12, 0).atZone(moscow).toOffsetDateTime());
        snapshot("esplus", account, 50_000, "RUB", from.plusDays(9).atTime(12, 0).atZone(moscow).toOffsetDateTime());
        awaitSnapshots(account, 2);
        try {
            clock.set(from.plusDays(9).atTime(15, 0).atZone(moscow));
            write().body(reading("E-7", "T1", 1180)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        } finally {
            clock.reset();
        }
        write().body(reading("E-7", "T1", 1420)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        String reference = smsPay("3116", "esplus " + account + " 425");

        String text = pdfText(statement("esplus", account, from, today));
        assertThat(text).contains("Детализация лицевого счёта", "АО «Энергосбыт Плюс»", "ИНН 5612042824",
                "Лицевой счёт", account, "Иванова Мария", "г. Екатеринбург, ул. Малышева, д. 5, кв. 12",
                "Платежи и возвраты", "Показания счётчиков", "Потребление по месяцам", reference, "Платёж", "проведён",
                "425,00 руб.", "Страница 1 из 1");
        assertThat(line(text, "Баланс на начало периода")).contains("задолженность 1000,00 руб.");
        // the later snapshot (no gateway event applied yet) less the SMS payment made after it
        assertThat(line(text, "Баланс на конец периода")).contains("задолженность 75,00 руб.");
        // register, previous, current, consumption
        assertThat(text).contains("E-7", "электроэнергия").containsPattern(Pattern.compile("\\sT1\\s+1000\\s+1180\\s+180\\s"))
                .containsPattern(Pattern.compile("\\sT1\\s+1180\\s+1420\\s+240\\s"));
        assertThat(text).doesNotContain("?");

        String png = System.getProperty("statement.png");
        if (png != null) {
            Path pdf = Files.createTempFile("statement", ".pdf");
            Files.write(pdf, statement("esplus", account, from, today));
            Path target = Path.of(png).toAbsolutePath();
            run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf.toString(),
                    target.toString().replaceFirst("\\.png$", ""));
            assertThat(target).exists();
        }
    }

    @Test
    void aKyivenergoStatementAndItsSmsReplyAreInUkrainianInHryvnias() throws Exception {
        ZoneId kyiv = ZoneId.of("Europe/Kyiv");
        LocalDate today = LocalDate.now(kyiv);
        LocalDate from = today.withDayOfMonth(1).minusMonths(1);
        String account = Fixtures.kyivenergoAccount(ds, "H-7", "heat", 500, 20);
        // a 15-digit number that passes Luhn is card-shaped, and the SMS reply masks it: take one that does not
        while (org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(account)) {
            account = Fixtures.kyivenergoAccount(ds, "H-7", "heat", 500, 20);
        }
        holder("kyivenergo", account, "Ковальчук Олена", "м. Київ, вул. Хрещатик, 22, кв. 7");
        snapshot("kyivenergo", account, 100_000, "UAH", from.minusDays(1).atTime(12, 0).atZone(kyiv).toOffsetDateTime());
        awaitSnapshots(account, 1);
        try {
            // kyivenergo takes readings in the last week of the month only
            clock.set(from.withDayOfMonth(from.lengthOfMonth()).minusDays(2).atTime(10, 0).atZone(kyiv));
            write().body(reading("H-7", "T1", 512)).when().post(readingsPath("kyivenergo", account)).then().statusCode(201);
        } finally {
            clock.reset();
        }
        String id = UUID.randomUUID().toString();
        String reply = sms(id, "7575", "kyivenergo " + account + " 425");
        assertThat(reply).startsWith("Платіж 425,00 грн на рахунок " + account + " (ПАТ «Київенерго») прийнято, номер ")
                .endsWith("Дякуємо!");

        String text = pdfText(statement("kyivenergo", account, from, today));
        assertThat(text).contains("Деталізація особового рахунку", "ПАТ «Київенерго»", "ЄДРПОУ 00131305",
                "Особовий рахунок", account, "Ковальчук Олена", "м. Київ, вул. Хрещатик, 22, кв. 7",
                "Платежі та повернення", "Показники лічильників", "Споживання за місяцями", "demo-sms:" + id,
                "Платіж", "проведено", "425,00 грн", "Сторінка 1 з 1");
        assertThat(line(text, "Баланс на початок періоду")).contains("заборгованість 1000,00 грн");
        assertThat(line(text, "Баланс на кінець періоду")).contains("заборгованість 575,00 грн");
        assertThat(text).contains("H-7", "опалення").containsPattern(Pattern.compile("\\sT1\\s+500\\s+512\\s+12\\s"));
        assertThat(text).doesNotContain("Детализация").doesNotContain("?");
    }

    @Test
    void aPeriodBeforeAnySnapshotSaysSoPlainly() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-7", 1000);
        holder("esplus", account, "Иванова Мария", "г. Екатеринбург");
        snapshot("esplus", account, 100_000, "RUB", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        awaitSnapshots(account, 1);
        String text = pdfText(statement("esplus", account, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31)));
        assertThat(line(text, "Баланс на начало периода")).contains("нет снимка баланса");
        assertThat(line(text, "Баланс на конец периода")).contains("нет снимка баланса");
        assertThat(text).contains("Платежей и возвратов за период нет.", "Показаний за период нет.", "Страница 1 из 1");
    }

    @Test
    void aLongHistoryFlowsOverNumberedPagesWithEveryOperationAndTheHeaderOnEachPage() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-7", 1000);
        holder("esplus", account, "Иванова Мария", "г. Екатеринбург");
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            references.add(smsPay("3116", "esplus " + account + " " + (10 + i)));
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        String text = pdfText(statement("esplus", account, today.minusMonths(1), today));
        String[] pages = text.split("\f");
        List<String> numbered = new ArrayList<>();
        for (String page : pages) {
            if (!page.isBlank()) {
                numbered.add(page);
            }
        }
        int count = numbered.size();
        assertThat(count).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < count; i++) {
            String page = numbered.get(i);
            assertThat(page).as("page %d", i + 1).contains("Страница " + (i + 1) + " из " + count);
            if (references.stream().anyMatch(page::contains)) {
                assertThat(page).as("page %d repeats the table's header", i + 1).containsPattern("Дата\\s+Операция\\s+№");
            }
        }
        assertThat(references).allMatch(text::contains);
        // 10, 11, ... 129 roubles
        assertThat(text).containsPattern("Итого поступило:\\s+8340,00 руб\\.");
    }

    private void holder(String supplier, String account, String holder, String address) {
        Fixtures.query(ds, "UPDATE account SET holder = ?, address = ? WHERE supplier = ? AND number = ?",
                holder, address, supplier, account);
    }

    private void awaitSnapshots(String account, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(ds, "SELECT count(*) FROM balance_snapshot s "
                + "JOIN account a ON a.id = s.account_id WHERE a.number = ?", account) == count);
    }

    private static byte[] statement(String supplier, String account, LocalDate from, LocalDate to) {
        return portal().accept("application/pdf").queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/v1/suppliers/" + supplier + "/accounts/" + account + "/statement")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
    }

    /** Publishes a balance snapshot as billing does. */
    private static void snapshot(String supplier, String account, long debt, String currency, OffsetDateTime asOf) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String body = "{\"supplier\":\"%s\",\"account\":\"%s\",\"debt\":{\"value\":%d,\"currency\":\"%s\"},\"asOf\":\"%s\",\"lastEventId\":null}"
                .formatted(supplier, account, debt, currency, asOf);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("billing.balances.v1", supplier + ":" + account, body)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pays by SMS through the demo aggregator; returns the payment's provider reference. */
    private static String smsPay(String to, String text) {
        String id = UUID.randomUUID().toString();
        assertThat(sms(id, to, text)).startsWith("Платёж");
        return "demo-sms:" + id;
    }

    private static String sms(String id, String to, String text) {
        String body = "{\"messageId\":\"" + id + "\",\"from\":\"+7900" + String.format("%07d",
                ThreadLocalRandom.current().nextInt(10_000_000)) + "\",\"to\":\"" + to + "\",\"text\":\"" + text
                + "\",\"receivedAt\":\"" + Instant.now() + "\"}";
        return RestAssured.given().contentType("application/json; charset=UTF-8").header("X-Signature", SmsSigning.sign(body))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/v1/sms/demo-sms/inbound")
                .then().statusCode(200).extract().path("reply");
    }

    /** The first line of the text that contains {@code start}. */
    private static String line(String text, String start) {
        return text.lines().filter(l -> l.contains(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + start + "' in:\n" + text));
    }

    /** The PDF as {@code pdftotext -layout} reads it; under CI=true a missing pdftotext fails the test. */
    static String pdfText(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("statement", ".pdf");
        try {
            Files.write(file, pdf);
            return run("pdftotext", "-layout", "-enc", "UTF-8", file.toString(), "-");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            String why = command[0] + " is not installed (Debian package poppler-utils; bin/peakgate test installs it)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
            throw missing;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
