@echo off
rem JuriSim launcher of the release archive (Windows): runs lib\jurisim.jar with Java 17 or newer.
rem Usage: jurisim run scenarios\small-demo.yaml     (jurisim --help for all commands)
rem JAVA_HOME chooses the Java installation (else java on the PATH); JURISIM_JAVA_OPTS replaces the JVM options (-Xmx4g).
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo JuriSim needs Java 17 or newer, and no java was found ^(neither JAVA_HOME nor the PATH has one^). 1>&2
  echo Install a Java 17+ runtime ^(e.g. https://adoptium.net^) and run this again. 1>&2
  exit /b 1
)
set "JVERSION="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i /c:"version"') do if not defined JVERSION set "JVERSION=%%~v"
set "JMAJOR="
for /f "tokens=1,2 delims=." %%a in ("%JVERSION%") do (
  if "%%a"=="1" (set "JMAJOR=%%b") else (set "JMAJOR=%%a")
)
for /f "delims=-+_" %%m in ("%JMAJOR%") do set "JMAJOR=%%m"
if not defined JMAJOR set "JMAJOR=0"
if %JMAJOR% LSS 17 (
  echo JuriSim needs Java 17 or newer, and %JAVA% is version %JVERSION%. 1>&2
  echo Install a Java 17+ runtime ^(e.g. https://adoptium.net^), or point JAVA_HOME at one. 1>&2
  exit /b 1
)
if not defined JURISIM_JAVA_OPTS set "JURISIM_JAVA_OPTS=-Xmx4g"
"%JAVA%" %JURISIM_JAVA_OPTS% -jar "%HERE%lib\jurisim.jar" %*
exit /b %ERRORLEVEL%
