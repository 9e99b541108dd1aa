-- Handling-event notes in both languages: `note` keeps the Chinese (the working language, and what a person typed,
-- as typed); `noteEn` holds the English of a note the system wrote, from the locale files, so the English staff
-- pages read it in English (src/features/lifecycle/event-notes.ts). Null means "read `note` as it is".
-- AlterTable
ALTER TABLE "HandlingEvent" ADD COLUMN     "noteEn" TEXT;

-- Notes the system wrote before this column existed (and those of the demo seed) get their English here, worded as
-- the locale files word them now. Anything else (what people typed) stays as it is.
-- "9 Oct 2026", as Intl's en-GB formats it (which writes September "Sept").
CREATE FUNCTION pg_temp.en_date(y text, m text, d text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT replace(to_char(make_date(y::int, m::int, d::int), 'FMDD Mon YYYY'), ' Sep ', ' Sept ') $$;
CREATE FUNCTION pg_temp.dept_en(zh text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT COALESCE((SELECT NULLIF(d."nameEn", '') FROM "Department" d WHERE d.name = zh LIMIT 1), zh) $$;
CREATE FUNCTION pg_temp.round_en(zh text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT COALESCE((SELECT NULLIF(r."titleEn", '') FROM "CollectionRound" r WHERE r.title = zh LIMIT 1), zh) $$;
CREATE FUNCTION pg_temp.basis_en(kind text, name text) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT CASE kind WHEN '按分办规则' THEN 'Under the routing rule “' || name || '”'
                     ELSE 'For the themed round “' || pg_temp.round_en(name) || '”' END $$;

CREATE FUNCTION pg_temp.note_en(note text) RETURNS text
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  m text[];
BEGIN
  IF note IN ('未匹配分办规则，转人工分办') THEN RETURN 'No routing rule matched; left to the coordinators'; END IF;
  IF note = '评价期满自动办结' THEN RETURN 'Closed automatically at the end of the rating window'; END IF;
  IF note = '建议人在线提交建议' THEN RETURN 'Submitted online by the citizen'; END IF;
  IF note = '已签收，正在办理' THEN RETURN 'Signed for; being handled'; END IF;
  IF note = '答复结果已反馈建议人' THEN RETURN 'The reply has been passed on to the citizen'; END IF;

  m := regexp_match(note, '^(按分办规则|按专题征集)“(.*)”自动受理$');
  IF m IS NOT NULL THEN RETURN pg_temp.basis_en(m[1], m[2]) || ': accepted automatically'; END IF;
  m := regexp_match(note, '^(按分办规则|按专题征集)“(.*)”拟交(.+)办理$');
  IF m IS NOT NULL THEN RETURN pg_temp.basis_en(m[1], m[2]) || ': proposed for ' || pg_temp.dept_en(m[3]); END IF;
  m := regexp_match(note, '^(按分办规则|按专题征集)“(.*)”交(.+)主办，请于(\d+)年(\d+)月(\d+)日前答复$');
  IF m IS NOT NULL THEN
    RETURN pg_temp.basis_en(m[1], m[2]) || ': assigned to ' || pg_temp.dept_en(m[3]) || ' as lead department; reply by '
      || pg_temp.en_date(m[4], m[5], m[6]);
  END IF;
  m := regexp_match(note, '^交([^，]+)主办(，(.+)协办)?，请于(\d+)年(\d+)月(\d+)日前答复$');
  IF m IS NOT NULL THEN
    RETURN 'Assigned to ' || pg_temp.dept_en(m[1]) || ' as lead department'
      || CASE WHEN m[3] IS NULL THEN '' ELSE ', with ' || (
           SELECT string_agg(pg_temp.dept_en(a.name), ', ' ORDER BY a.ord)
           FROM unnest(string_to_array(m[3], '、')) WITH ORDINALITY AS a(name, ord)) || ' assisting' END
      || '; reply by ' || pg_temp.en_date(m[4], m[5], m[6]);
  END IF;
  m := regexp_match(note, '^(改交|重新交)(.+)主办，请于(\d+)年(\d+)月(\d+)日前答复$');
  IF m IS NOT NULL THEN
    RETURN 'Transferred to ' || pg_temp.dept_en(m[2]) || ' as lead department; reply by ' || pg_temp.en_date(m[3], m[4], m[5]);
  END IF;
  m := regexp_match(note, '^同意延期(\d+)个工作日，答复期限延至(\d+)年(\d+)月(\d+)日$');
  IF m IS NOT NULL THEN
    RETURN 'Extension of ' || m[1] || ' working days approved; the reply is now due by ' || pg_temp.en_date(m[2], m[3], m[4]);
  END IF;
  m := regexp_match(note, '^与建议(.+)内容相同，并案办理，办理结果将一并告知建议人$');
  IF m IS NOT NULL THEN
    RETURN 'The same as suggestion ' || m[1] || ': handled together with it, and its submitter will be told the result too';
  END IF;
  m := regexp_match(note, '^随建议(.+)并入建议(.+)$');
  IF m IS NOT NULL THEN RETURN 'Merged into suggestion ' || m[2] || ' together with suggestion ' || m[1]; END IF;
  m := regexp_match(note, '^已超过答复期限（(\d+)年(\d+)月(\d+)日），已提醒征集办和单位负责人督办$');
  IF m IS NOT NULL THEN
    RETURN 'The reply deadline (' || pg_temp.en_date(m[1], m[2], m[3])
      || ') has passed; the collection office and the department''s heads have been alerted';
  END IF;
  m := regexp_match(note, '^建议人评价：(\d+)星$');
  IF m IS NOT NULL THEN RETURN 'Rated by the citizen: ' || m[1] || ' of 5 stars'; END IF;
  m := regexp_match(note, '^转化为政策举措：《(.*)》（(.*)）$');
  IF m IS NOT NULL THEN RETURN 'Turned into the policy measure “' || m[1] || '” (' || m[2] || ')'; END IF;
  m := regexp_match(note, '^转化为政策举措：《(.*)》$');
  IF m IS NOT NULL THEN RETURN 'Turned into the policy measure “' || m[1] || '”'; END IF;
  m := regexp_match(note, '^(.+)已答复，办理结果：(采纳|部分采纳|留作参考|暂不采纳)$');
  IF m IS NOT NULL THEN
    RETURN pg_temp.dept_en(m[1]) || ' replied: ' || CASE m[2] WHEN '采纳' THEN 'adopted' WHEN '部分采纳' THEN 'partially adopted'
      WHEN '留作参考' THEN 'kept for reference' ELSE 'not adopted for now' END;
  END IF;
  IF note LIKE '已转12345政务服务便民热线办理。' || E'\n' || '%' THEN
    RETURN 'Referred to the 12345 government service hotline.' || substr(note, char_length('已转12345政务服务便民热线办理。') + 1);
  END IF;
  IF note LIKE '已转信访部门依法处理。' || E'\n' || '%' THEN
    RETURN 'Referred to the petition office, to be handled by law.' || substr(note, char_length('已转信访部门依法处理。') + 1);
  END IF;
  RETURN NULL;
END $$;

UPDATE "HandlingEvent" SET "noteEn" = pg_temp.note_en(note) WHERE note IS NOT NULL AND "noteEn" IS NULL;
